using Flint.Interop.Kvm;

namespace Flint.Vm.Cpu;

/// <summary>
/// The one seam between the monitor and a virtual CPU, whatever executes guest instructions: KVM, the emulated
/// CPU, or a scripted fake in tests. It speaks in typed exits (<see cref="VcpuExit"/>): at a syscall or an exception
/// <see cref="Registers"/> holds the interrupted user context, and <see cref="CommitRegisters"/> resumes the context
/// the monitor leaves there, the way this platform and this trap need.
/// </summary>
internal interface IVcpu : IDisposable
{
    /// <summary>The platform's name as users see it: <c>kvm</c> or <c>emulated</c>.</summary>
    string Platform { get; }

    /// <summary>Must run on the thread that will call <see cref="Run"/>, before the first run.</summary>
    void BindToCurrentThread();

    /// <summary>Runs the guest until the next exit.</summary>
    VcpuExit Run();

    /// <summary>The guest's user context at the last exit; changes reach the guest after <see cref="CommitRegisters"/>.</summary>
    ref kvm_regs Registers { get; }

    /// <summary>Makes <see cref="Registers"/> the context the guest resumes with at the next <see cref="Run"/>.</summary>
    void CommitRegisters();

    ulong FsBase { get; set; }

    /// <summary>
    /// The FPU, SSE and AVX state a snapshot keeps (KVM: the XSAVE area; emulated: x87 control word, MXCSR and
    /// XMM0-15), as this platform encodes it. Only while the vCPU is not running.
    /// </summary>
    byte[] SaveExtendedState();

    /// <summary>Loads what <see cref="SaveExtendedState"/> returned on this platform, before the vCPU first runs.</summary>
    void RestoreExtendedState(ReadOnlySpan<byte> state);

    /// <summary>Makes the guest drop cached translations after page-table entries were removed or downgraded.</summary>
    void FlushTranslations();

    /// <summary>Thread-safe: makes a running or the next <see cref="Run"/> return <see cref="VcpuExitKind.Stopped"/>.</summary>
    void RequestStop();

    /// <summary>Thread-safe: makes a running or the next <see cref="Run"/> return <see cref="VcpuExitKind.Preempted"/> once, with the live user context.</summary>
    void RequestPreempt();
}
