using Flint.Bench.Memory;

namespace Flint.Bench.Report.Charts;

/// <summary>Host memory per idle instance (MiB) for each runtime that started at least one.</summary>
public static class MemoryChart
{
    public static string Render(IReadOnlyList<MemoryResult> memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        var items = memory
            .Where(m => m.BytesPerInstance is not null)
            .Select(m => (m.Runtime, m.BytesPerInstance!.Value / Units.Mebibyte))
            .ToList();
        return BarChart.Render("Memory per idle instance (drop in MemAvailable / K)", "MiB per instance", items);
    }
}
