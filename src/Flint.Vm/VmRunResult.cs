using Flint.Vm.Linux;

namespace Flint.Vm;

/// <summary>How a guest ended and what it asked of the monitor.</summary>
/// <param name="ExitCode">The exit status, or 128 + signal for signal deaths (as a shell reports it); 137 after a timeout.</param>
/// <param name="Signal">The signal that killed the guest, if one did.</param>
/// <param name="TimedOut">The monitor stopped the guest because <see cref="VmRunOptions.Timeout"/> passed.</param>
/// <param name="Report">Syscall counts, unknown syscalls, exceptions and time spent in the monitor.</param>
/// <param name="Failure">Set when the platform itself could not go on (internal error, failed entry); the guest counts as killed.</param>
public sealed record VmRunResult(int ExitCode, int? Signal, bool TimedOut, SyscallReport Report, string? Failure = null)
{
    /// <summary>The platform that ran the guest: <c>kvm</c> or <c>emulated</c>.</summary>
    public string Platform { get; init; } = string.Empty;

    /// <summary>
    /// The guest ended on its own, by a signal or a non-zero exit status, after the monitor refused it memory past
    /// its limit: the VM's counterpart of a kernel OOM kill (the limit is enforced when memory is mapped, so the
    /// guest sees ENOMEM and dies of it rather than being killed while touching a page).
    /// </summary>
    public bool MemoryLimitExceeded { get; init; }
}
