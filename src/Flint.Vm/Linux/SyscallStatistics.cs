namespace Flint.Vm.Linux;

/// <summary>How often one syscall ran, how often it failed and the monitor time it took.</summary>
public sealed record SyscallStatistics(string Name, int Calls, int Errors, TimeSpan Time);
