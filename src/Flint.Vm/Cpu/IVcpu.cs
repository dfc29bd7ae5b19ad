using Flint.Interop.Kvm;

namespace Flint.Vm.Cpu;

/// <summary>
/// The one seam between the monitor and a virtual CPU. KVM implements it; tests drive the trap path, signal
/// delivery and the run loop with a fake.
/// </summary>
internal interface IVcpu : IDisposable
{
    /// <summary>Enters the guest until the next exit.</summary>
    VcpuExit Run();

    /// <summary>The guest registers at the last exit; changes reach the guest after <see cref="CommitRegisters"/>.</summary>
    ref kvm_regs Registers { get; }

    void CommitRegisters();

    /// <summary>Privilege level of the code that was running at the last exit (CS.DPL): 3 on PVM, 0 on VT-x at a syscall.</summary>
    int CodePrivilegeLevel { get; }

    /// <summary>CR2: the faulting address of the last page fault.</summary>
    ulong FaultAddress { get; }

    ulong FsBase { get; set; }

    /// <summary>Makes the guest drop cached translations after page-table entries were removed or downgraded.</summary>
    void FlushTranslations();

    /// <summary>Thread-safe: makes a running or the next <see cref="Run"/> return <see cref="VcpuExitKind.Interrupted"/>.</summary>
    void RequestStop();
}
