namespace Flint.Vm.Linux;

/// <summary>What a guest process is given from outside: its streams, executable path, clock and optional tracer.</summary>
internal sealed record GuestProcessOptions(Stream Stdout, Stream Stderr, string ExecutablePath, TimeProvider Time, SyscallTracer? Tracer);
