using Flint.Interop.Kvm;
using Flint.Vm.Cpu;
using Flint.Vm.Memory;

namespace Flint.Vm.Emulated;

/// <summary>A VM whose vCPUs are Unicorn engines over the guest memory; there is nothing to hold beside them.</summary>
internal sealed class EmulatedPlatform : IVmPlatform
{
    private GuestMemory? _memory;

    public string Name => VmPlatform.EmulatedName;

    /// <summary>The engine ignores the user/supervisor bit, so the monitor maps none of its own pages.</summary>
    public bool UsesTrapPages => false;

    /// <summary>The engine's CPU lacks NX (CPUID 0x80000001 EDX bit 20): EFER.NXE cannot be set, so no page is marked NX.</summary>
    public bool HasNoExecute => false;

    public void MapMemory(GuestMemory memory) => _memory = memory;

    public IVcpu CreateVcpu(GuestAddress pageTableRoot, kvm_regs registers)
        => new UnicornVcpu(_memory ?? throw new InvalidOperationException("no guest memory mapped yet"), pageTableRoot, registers);

    public void Dispose()
    {
    }
}
