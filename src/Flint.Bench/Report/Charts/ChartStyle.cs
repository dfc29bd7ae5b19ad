using ScottPlot;

namespace Flint.Bench.Report.Charts;

/// <summary>Shared chart size, colours and the SVG export.</summary>
public static class ChartStyle
{
    public const int Width = 900;
    public const int Height = 520;

    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    public static Color ColorAt(int index) => Palette.GetColor(index);

    /// <summary>A plot with a title, and a "no data" note when there is nothing to draw.</summary>
    public static Plot NewPlot(string title, bool hasData)
    {
        var plot = new Plot();
        plot.Title(hasData ? title : $"{title} (no data)");
        return plot;
    }

    public static string ToSvg(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        return plot.GetSvgXml(Width, Height);
    }

    /// <summary>Names along the bottom axis at positions 0, 1, 2, ...</summary>
    public static void LabelCategories(Plot plot, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(names);
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < names.Count; i++)
        {
            ticks.AddMajor(i, names[i]);
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.HideGrid();
    }
}
