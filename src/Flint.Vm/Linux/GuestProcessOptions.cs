namespace Flint.Vm.Linux;

/// <summary>
/// What a guest process is given from outside: its streams, executable path as the guest sees it, clock, optional
/// tracer, and the token that stops the run (it also ends host writes blocked on the guest's behalf).
/// </summary>
internal sealed record GuestProcessOptions(
    Stream Stdout, Stream Stderr, string ExecutablePath, TimeProvider Time, SyscallTracer? Tracer, CancellationToken Stop = default);
