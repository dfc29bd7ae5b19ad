namespace Flint.Bench.Tests;

public sealed class BenchOptionsTests
{
    private static readonly BenchOptions Full = new() { GatewayUrl = new Uri("http://127.0.0.1:1/"), ImageDirectory = "/i", IncludeTypicalContainer = true };

    [Fact]
    public void Effective_Quick_CapsEverythingButTheJitWarmupAndDropsTypicalContainer()
    {
        var quick = (Full with { Quick = true }).Effective();

        Assert.Equal((30, 60, 10, 3.0, false), (quick.Requests, quick.Warmup, quick.MemoryInstances, quick.ThroughputSeconds, quick.IncludeTypicalContainer));
    }

    [Fact]
    public void Effective_QuickWithSmallerValues_KeepsThem()
    {
        var quick = (Full with { Quick = true, Requests = 5, MemoryInstances = 2 }).Effective();

        Assert.Equal((5, 2), (quick.Requests, quick.MemoryInstances));
    }

    [Fact]
    public void Effective_NotQuick_Unchanged()
    {
        Assert.Same(Full, Full.Effective());
        Assert.Equal((100, 50), (Full.Requests, Full.MemoryInstances));
    }
}
