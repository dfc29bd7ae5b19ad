using Flint.Bench.ColdStart;
using Flint.Bench.Direct;
using Flint.Bench.Gateway;
using Flint.Bench.Machine;
using Flint.Bench.Memory;
using Flint.Bench.Sizes;
using Flint.Bench.Throughput;

namespace Flint.Bench.Tests.Fakes;

/// <summary>A complete benchmark result with known numbers, for report tests.</summary>
public static class SyntheticResult
{
    public static BenchResult Create()
    {
        PhaseOffset[] phases = [new("create", 0.5), new("ready", 3), new("response", 4)];
        var samples = new List<ColdStartSample>();
        for (var i = 0; i < 10; i++)
        {
            samples.Add(Samples.Ok("process", 1 + (i * 0.1), samples.Count, phases));
            samples.Add(Samples.Ok("crun", 7 + i, samples.Count, phases));
            samples.Add(Samples.Ok("vm", 3 + (i * 0.5), samples.Count, phases));
        }

        samples.Add(Samples.Failed("crun", samples.Count));
        var direct = new List<ColdStartSample>();
        for (var i = 0; i < 10; i++)
        {
            direct.Add(Samples.Ok("process", 0.5 + (i * 0.1), 100 + direct.Count));
            direct.Add(Samples.Ok("crun", 5 + i, 100 + direct.Count));
        }

        direct.Add(Samples.Failed("crun", 100 + direct.Count));
        var options = new BenchOptions { GatewayUrl = new Uri("http://127.0.0.1:5000/"), ImageDirectory = "/images/hello", Requests = 10 };
        var machine = new MachineInfo(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), "Test CPU", 2, "6.1.0", 8L << 30, KvmFlavour.Pvm, "crun version 1.8.1", null, null, ".NET 10.0.0");
        RuntimeStatus[] runtimes = [new("process", true, null), new("crun", true, null), new("vm", true, "vm (kvm)"), new("docker", false, "daemon not running")];
        var sizes = new SizeReport(
            new ImageSizes(2_200_000, 900_000, 2_210_000, 2_200_000),
            null,
            [new RuntimeFootprint("crun", [new HostBinary("crun", "/usr/bin/crun", 400_000)], 400_000, null),
             new RuntimeFootprint("docker", [new HostBinary("docker", "/usr/bin/docker", 30_000_000), new HostBinary("dockerd", null, null)], 30_000_000, null)],
            new TypicalContainerSize([new SizePart("Microsoft.NETCore.App 10.0.0", 70_000_000)], ["Debian rootfs: debootstrap is not installed"]));
        return new BenchResult(
            options,
            machine,
            runtimes,
            [runtimes[3]],
            ColdStartAnalysis.Summarize(samples, [Samples.Ok("crun", 1.5), Samples.Ok("crun", 1.5), Samples.Ok("process", 0.5)]),
            [new ThroughputResult("process", 4, 3, 3000, 0, 1000, 0.8, 2.5, null) { Wrk = new WarmPath("process", 4, new WrkResult(3000, 3, 1000, 0.9, 2.5, 0, 0), new WrkResult(6000, 3, 2000, 0.4, 1.5, 1, 0), null) }, new ThroughputResult("crun", 4, 0, 0, 0, 0, null, null, "warm-up failed: refused")],
            [new MemoryResult("process", 10, 10, 1000 << 20, 980 << 20, 2 << 20, null), new MemoryResult("vm", 10, 3, 1000 << 20, 994 << 20, 2 << 20, "stopped after 3 of 10 instances: no memory")],
            sizes)
        {
            Samples = samples,
            DirectSamples = direct,
            Overhead = OverheadAnalysis.Summarize(direct, samples, new Dictionary<string, string> { ["process"] = "exec", ["crun"] = "crun run" }),
            Density = new MemoryResult("vm", 100, 80, 1000 << 20, 840 << 20, 2 << 20, "stopped after 80 of 100 instances: no memory")
            {
                StartSeconds = 4,
                ProcessPssBytesPerInstance = 3 << 20,
            },
        };
    }
}
