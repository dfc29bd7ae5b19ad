namespace Flint.Vm;

/// <summary>Whether a platform can run guests on this host, and if not, why.</summary>
public sealed record VmPlatformStatus(string Name, bool Available, string? Reason);
