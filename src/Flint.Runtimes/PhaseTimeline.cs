using System.Diagnostics;

namespace Flint.Runtimes;

/// <summary>
/// Monotonic timestamps of an instance's life (create, ready, stopped...), relative to when the
/// timeline began. Thread-safe; a phase marked twice keeps its first time.
/// </summary>
public sealed class PhaseTimeline
{
    private readonly long _origin;
    private readonly List<KeyValuePair<string, TimeSpan>> _marks = [];

    public PhaseTimeline(long originTimestamp)
    {
        _origin = originTimestamp;
    }

    public static PhaseTimeline StartNow() => new(Stopwatch.GetTimestamp());

    /// <summary>The <see cref="Stopwatch"/> timestamp the offsets are measured from.</summary>
    public long OriginTimestamp => _origin;

    public IReadOnlyList<KeyValuePair<string, TimeSpan>> Marks
    {
        get
        {
            lock (_marks)
            {
                return [.. _marks];
            }
        }
    }

    public void Mark(string phase) => Mark(phase, Stopwatch.GetTimestamp());

    public void Mark(string phase, long timestamp)
    {
        lock (_marks)
        {
            if (!_marks.Exists(m => m.Key == phase))
            {
                _marks.Add(KeyValuePair.Create(phase, Stopwatch.GetElapsedTime(_origin, timestamp)));
            }
        }
    }

    public TimeSpan? this[string phase]
    {
        get
        {
            lock (_marks)
            {
                var index = _marks.FindIndex(m => m.Key == phase);
                return index < 0 ? null : _marks[index].Value;
            }
        }
    }
}
