using System.Diagnostics;
using Flint.Gateway.Proxy;
using Flint.Runtimes;

namespace Flint.Gateway.Tests.Proxy;

public sealed class InvocationPhasesTests
{
    private const long Origin = 1_000_000;

    [Fact]
    public void Collect_ColdStart_ShiftsTheInstancePhasesOntoTheRequestClockInOrderWithoutStopped()
    {
        var request = new PhaseTimeline(Origin);
        request.Mark(RequestPhases.Acquired, At(5));
        request.Mark(RequestPhases.Forward, At(6));
        var boot = new PhaseTimeline(At(1));
        boot.Mark(InstancePhases.Create, At(1));
        boot.Mark(InstancePhases.Ready, At(4));
        boot.Mark(InstancePhases.Stopped, At(2));
        var instance = new Instance("f-1", "process", 40000, boot, new object());

        var phases = InvocationPhases.Collect(request, instance);

        Assert.Equal(
            [("create", 1.0), ("ready", 4.0), ("acquired", 5.0), ("forward", 6.0)],
            phases.Select(p => (p.Key, p.Value.TotalMilliseconds)));
    }

    [Fact]
    public void Collect_WarmInstance_IsTheRequestsOwnPhases()
    {
        var request = new PhaseTimeline(Origin);
        request.Mark(RequestPhases.Forward, At(3));
        request.Mark(RequestPhases.Acquired, At(2));

        var phases = InvocationPhases.Collect(request, bootedInstance: null);

        Assert.Equal([("acquired", 2.0), ("forward", 3.0)], phases.Select(p => (p.Key, p.Value.TotalMilliseconds)));
    }

    [Fact]
    public void Format_Phases_AreNameEqualsMillisecondsJoinedBySemicolons()
    {
        var text = InvocationPhases.Format(
            [KeyValuePair.Create("create", TimeSpan.FromTicks(120)), KeyValuePair.Create("ready", TimeSpan.FromMilliseconds(4.1234))]);

        Assert.Equal("create=0.012ms;ready=4.123ms", text);
    }

    [Fact]
    public void Format_NoPhases_IsEmpty()
    {
        Assert.Equal("", InvocationPhases.Format([]));
    }

    private static long At(double milliseconds) => Origin + (long)(milliseconds * Stopwatch.Frequency / 1000);
}
