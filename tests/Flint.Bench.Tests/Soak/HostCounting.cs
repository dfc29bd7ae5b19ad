namespace Flint.Bench.Tests.Soak;

/// <summary>Counts the test process's children and listening sockets, so these tests run alone.</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class HostCounting;
