using Flint.Bench.Report;
using Flint.Bench.Report.Markdown;
using Flint.Bench.Tests.Fakes;
using Flint.Bench.Throughput;

namespace Flint.Bench.Tests.Report;

public sealed class MarkdownReportTests
{
    private readonly string _report = MarkdownReport.Render(SyntheticResult.Create());

    [Fact]
    public void Render_Synthetic_HasEverySection()
    {
        foreach (var heading in new[] { "## Machine", "## Runtimes not measured", "## Cold starts", "### Phase breakdown (medians)", "## Flint's overhead: direct vs through Flint", "## Sizes", "### Host footprint per runtime", "## Memory per idle instance", "## Warm throughput", "## How to reproduce" })
        {
            Assert.Contains(heading + "\n", _report, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_OverheadTable_DirectAndThroughFlintMediansOverheadAndRatio()
    {
        Assert.Contains("| runtime | direct command | n | failures | direct median | direct p95 | through Flint median | through Flint p95 | overhead | ratio |", _report, StringComparison.Ordinal);
        Assert.Contains("| crun | `crun run` | 10 | 1 | 9.50 | 13.55 | 11.50 | 15.55 | 2.00 ms | 1.21x |", _report, StringComparison.Ordinal);
        Assert.Contains("| process | `exec` | 10 | 0 | 0.95 |", _report, StringComparison.Ordinal);
        Assert.Contains($"![Direct vs through Flint]({ReportFiles.OverheadChart})", _report, StringComparison.Ordinal);
        Assert.Contains("crun: direct (crun run) 9.50 ms, through Flint 11.50 ms: overhead 2.00 ms, 1.21x", ConsoleTable.Render(SyntheticResult.Create()), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WarmPathUnderWrk_ThroughFlintAndDirectSideBySide()
    {
        Assert.Contains("### Warm path under wrk: through Flint vs direct\n", _report, StringComparison.Ordinal);
        Assert.Contains("| process | 4 | 1000 | 0.90 | 2.50 | 2000 | 0.40 | 1.50 | 0.50 | 1 | - |", _report, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WrkMissing_ReportSaysSo()
    {
        var result = SyntheticResult.Create();
        result = result with { Throughput = [result.Throughput[0] with { Wrk = new WarmPath("process", 4, null, null, WrkRunner.Missing) }] };

        Assert.Contains($"Not measured: {WrkRunner.Missing}.", MarkdownReport.Render(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnavailableRuntime_ListedWithReason()
    {
        Assert.Contains("| docker | daemon not running |", _report, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ColdStartTable_MediansRatiosAndFailures()
    {
        Assert.Contains("| runtime | n | failures | median | p95 | p99 | min | max | mean | warm | added | vs process | vs crun | vs vm |", _report, StringComparison.Ordinal);
        Assert.Contains("| crun | 10 | 1 of 11 | 11.50 | 15.55 | 15.91 | 7.00 | 16.00 | 11.50 | 1.50 | 10.00 | 7.93x | 1.00x | 2.19x |", _report, StringComparison.Ordinal);
        Assert.Contains("| process | 10 | 0 of 10 |", _report, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ColdStartTable_VmRowNamesItsPlatform()
    {
        Assert.Contains("| vm (kvm) | 10 | 0 of 10 |", _report, StringComparison.Ordinal);
        Assert.Contains("vm (kvm)", ConsoleTable.Render(SyntheticResult.Create()), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Density_StartedRateAndMemoryPerInstance()
    {
        Assert.Contains("## Density\n", _report, StringComparison.Ordinal);
        Assert.Contains("| vm (kvm) | 100 | 80 | 4.0 | 20 | 2.00 | 3.00 | stopped after 80 of 100 instances: no memory |", _report, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PhaseTable_ColumnsPerPhase()
    {
        Assert.Contains("| runtime | create | ready | response | client |", _report, StringComparison.Ordinal);
        Assert.Contains("| vm | 0.50 (0.50) | 2.50 (3.00) | 1.00 (4.00) |", _report, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SizesMemoryThroughput_RowsPresent()
    {
        Assert.Contains("| function executable (static ELF) | 2200000 | 2.10 |", _report, StringComparison.Ordinal);
        Assert.Contains("| docker | 28.61 | docker 28.61 | dockerd |", _report, StringComparison.Ordinal);
        Assert.Contains("missing: Debian rootfs: debootstrap is not installed", _report, StringComparison.Ordinal);
        Assert.Contains("| vm | 10 | 3 | 2.00 |", _report, StringComparison.Ordinal);
        Assert.Contains("| process | 4 | 3.0 | 3000 | 0 | 1000 | 0.80 | 2.50 | - |", _report, StringComparison.Ordinal);
        Assert.Contains("warm-up failed: refused", _report, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Charts_Linked()
    {
        Assert.Contains("](cold-start-cdf.svg)", _report, StringComparison.Ordinal);
        Assert.Contains("](phases.svg)", _report, StringComparison.Ordinal);
    }
}
