namespace Flint.Bench.Report.Charts;

/// <summary>A tick on a log10 axis: its position (log10 of the value), and a label when it is a major tick.</summary>
public sealed record LogTick(double Position, double Value, string? Label)
{
    public bool IsMajor => Label is not null;
}
