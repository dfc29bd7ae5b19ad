using System.Xml.Linq;
using Flint.Bench.Report.Charts;
using Flint.Bench.Tests.Fakes;
using Flint.Testing;
using SkiaSharp;

namespace Flint.Bench.Tests.Report;

public sealed class ChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly BenchResult _result = SyntheticResult.Create();

    [Fact]
    public void CdfChart_Samples_OneStepLinePerRuntimeWithLegendAndLogTickLabels()
    {
        var svg = XDocument.Parse(CdfChart.Render(_result.Samples));

        var texts = Texts(svg);
        Assert.Contains("process", texts);
        Assert.Contains("crun", texts);
        Assert.Contains("vm", texts);
        Assert.Contains("1", texts);
        Assert.Contains("10", texts);
        Assert.Contains("client-side cold start, ms (log scale)", texts);
        Assert.Equal("900", svg.Root!.Attribute("width")!.Value);
    }

    [Fact]
    public void PhaseChart_Summaries_LegendPerPhaseAndRuntimeLabels()
    {
        var texts = Texts(XDocument.Parse(PhaseChart.Render(_result.ColdStarts)));

        Assert.Contains("create", texts);
        Assert.Contains("ready", texts);
        Assert.Contains("client", texts);
        Assert.Contains("crun", texts);
    }

    [Fact]
    public void SizeAndMemoryCharts_Synthetic_WellFormedWithOneLabelPerBar()
    {
        var sizes = Texts(XDocument.Parse(SizeChart.Render(_result.Sizes)));
        var memory = Texts(XDocument.Parse(MemoryChart.Render(_result.Memory)));

        Assert.Contains("function ELF", sizes);
        Assert.Contains("docker host", sizes);
        Assert.Contains("typical .NET container (incomplete)", sizes);
        Assert.Contains("vm", memory);
        Assert.Contains("2.00", memory);
    }

    [Fact]
    public void OverheadChart_Synthetic_LegendAndRuntimesLabelledWithOverhead()
    {
        var texts = Texts(XDocument.Parse(OverheadChart.Render(_result.Overhead)));

        Assert.Contains(OverheadChart.DirectLegend, texts);
        Assert.Contains(OverheadChart.FlintLegend, texts);
        Assert.Contains("crun (+2.00 ms, 1.21x)", texts);
        Assert.Contains("process (+0.50 ms, 1.53x)", texts);
        Assert.Contains("9.5", texts);
        Assert.Contains("11.5", texts);
    }

    [Fact]
    public void OverheadChart_Nothing_SaysNoData()
    {
        Assert.Contains("Cold start: direct vs through Flint (medians) (no data)", Texts(XDocument.Parse(OverheadChart.Render([]))));
    }

    [Fact]
    public void CdfChart_NoSamples_SaysNoData()
    {
        Assert.Contains("Cold start: empirical CDF per runtime (no data)", Texts(XDocument.Parse(CdfChart.Render([]))));
    }

    [Fact]
    public void CdfChart_RenderedByRsvg_PngOfChartSizeAndNotBlank()
    {
        HostRequirements.RequireCommand("rsvg-convert", "librsvg2-bin");
        using var directory = new TempDirectory("flint-bench-chart");
        var svg = directory.Combine("cdf.svg");
        var png = directory.Combine("cdf.png");
        File.WriteAllText(svg, CdfChart.Render(_result.Samples));

        var (exit, _, stderr) = Command.Run("rsvg-convert", "-o", png, svg);

        Assert.True(exit == 0, stderr);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(ChartStyle.Width, bitmap.Width);
        Assert.Equal(ChartStyle.Height, bitmap.Height);
        var colours = bitmap.Pixels.Distinct().Count();
        var nonWhite = bitmap.Pixels.Count(p => p != SKColors.White);
        Assert.True(colours > 10, $"only {colours} colours");
        Assert.True(nonWhite > bitmap.Pixels.Length / 100, $"only {nonWhite} non-white pixels");
    }

    private static HashSet<string> Texts(XDocument svg) =>
        [.. svg.Descendants(Svg + "text").Select(t => t.Value.Trim())];
}
