namespace Flint.Runtimes;

/// <summary>
/// How an instance ended, as its runtime found it when stopping it: whether the kernel killed it for
/// exceeding its memory limit, and the last lines it printed.
/// </summary>
public sealed record InstanceEnd(bool MemoryLimitExceeded, string OutputTail);
