using Flint.Interop.Unicorn;
using Flint.Vm.Cpu;
using U = Flint.Interop.Unicorn.Unicorn;
using X = Flint.Interop.Unicorn.UnicornX86;

namespace Flint.Vm.Emulated;

/// <summary>Puts an engine into 64-bit mode with paging over the monitor's page tables, in the order the CPU needs.</summary>
internal static unsafe class LongMode
{
    public static void Enter(UcEngineHandle engine, GuestAddress pageTableRoot)
    {
        Write(engine, X.UC_X86_REG_CR3, pageTableRoot.Value);
        Write(engine, X.UC_X86_REG_CR4, EmulatedCpuState.Cr4);
        var efer = new uc_x86_msr { rid = Msr.Efer, value = ControlRegisters.Efer };
        Check(U.uc_reg_write(engine, X.UC_X86_REG_MSR, &efer), "uc_reg_write(EFER)");
        Write(engine, X.UC_X86_REG_CR0, ControlRegisters.Cr0);
    }

    public static void Write(UcEngineHandle engine, int register, ulong value) => Check(U.uc_reg_write(engine, register, &value), $"uc_reg_write({register})");

    public static void Check(int error, string operation)
    {
        if (error != U.UC_ERR_OK)
        {
            throw new VmSetupException($"{operation} failed: {U.ErrorText(error)}");
        }
    }
}
