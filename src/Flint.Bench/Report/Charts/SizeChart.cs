using Flint.Bench.Sizes;

namespace Flint.Bench.Report.Charts;

/// <summary>Sizes in MiB: the function image, each runtime's host footprint, and the typical container when measured.</summary>
public static class SizeChart
{
    public static string Render(SizeReport? sizes)
    {
        var items = new List<(string, double)>();
        if (sizes?.Image is { } image)
        {
            items.Add(("function ELF", image.ExecutableBytes / Units.Mebibyte));
            items.Add(("OCI layer (gzip)", image.LayerCompressedBytes / Units.Mebibyte));
        }

        foreach (var footprint in sizes?.Footprints ?? [])
        {
            items.Add(($"{footprint.Runtime} host", footprint.FoundBytes / Units.Mebibyte));
        }

        if (sizes?.TypicalContainer is { } typical)
        {
            items.Add((typical.IsComplete ? "typical .NET container" : "typical .NET container (incomplete)", typical.TotalBytes / Units.Mebibyte));
        }

        return BarChart.Render("Sizes", "MiB", items);
    }
}
