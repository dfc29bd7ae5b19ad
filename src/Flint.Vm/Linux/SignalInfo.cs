namespace Flint.Vm.Linux;

/// <summary>
/// A signal to deliver with its siginfo fields, and for CPU exceptions the sigcontext's trap number, error code and
/// CR2. <see cref="Forced"/> signals (synchronous faults) kill when blocked or ignored, as Linux's force_sig does.
/// </summary>
internal readonly record struct SignalInfo(int Signal, int Code = 0, ulong Address = 0, bool Forced = false, ulong TrapNumber = 0, ulong ErrorCode = 0, ulong FaultAddress = 0);
