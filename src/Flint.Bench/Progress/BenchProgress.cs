namespace Flint.Bench.Progress;

/// <summary>
/// Progress of a benchmark run: one line per step. With <c>live</c> (stderr is a terminal) counters
/// redraw in place; otherwise a counter prints a line at each quarter so logs stay short.
/// </summary>
public sealed class BenchProgress(TextWriter writer, bool live)
{
    private readonly Lock _lock = new();
    private bool _counterOnLine;
    private int _lastQuarter = -1;

    public static BenchProgress Silent { get; } = new(TextWriter.Null, live: false);

    /// <summary>For a writer that is the process's stderr, whether it is a terminal.</summary>
    public static BenchProgress For(TextWriter writer) =>
        new(writer, ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected);

    public void Step(string message)
    {
        lock (_lock)
        {
            EndCounterLine();
            writer.WriteLine($"[bench] {message}");
            writer.Flush();
            _lastQuarter = -1;
        }
    }

    public void Counter(string label, int done, int total)
    {
        lock (_lock)
        {
            if (live)
            {
                writer.Write($"\r[bench] {label}: {done}/{total}   ");
                writer.Flush();
                _counterOnLine = true;
                return;
            }

            var quarter = total <= 0 ? 4 : done * 4 / total;
            if (quarter > _lastQuarter && quarter > 0)
            {
                writer.WriteLine($"[bench] {label}: {done}/{total}");
                writer.Flush();
                _lastQuarter = quarter;
            }
        }
    }

    private void EndCounterLine()
    {
        if (_counterOnLine)
        {
            writer.WriteLine();
            _counterOnLine = false;
        }
    }
}
