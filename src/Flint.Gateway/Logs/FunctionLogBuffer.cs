using Flint.Runtimes;

namespace Flint.Gateway.Logs;

/// <summary>The last lines a function's instances printed, oldest dropped first.</summary>
internal sealed class FunctionLogBuffer : IInstanceLog
{
    private readonly int _capacity;
    private readonly Queue<LogEntry> _entries = new();

    public FunctionLogBuffer(int capacity)
    {
        _capacity = capacity;
    }

    public void Write(string instanceId, OutputChannel channel, string line)
    {
        var entry = new LogEntry(DateTimeOffset.UtcNow, instanceId, channel.ToString().ToLowerInvariant(), line);
        lock (_entries)
        {
            _entries.Enqueue(entry);
            if (_entries.Count > _capacity)
            {
                _entries.Dequeue();
            }
        }
    }

    /// <summary>The newest <paramref name="count"/> entries, oldest first.</summary>
    public IReadOnlyList<LogEntry> Tail(int count)
    {
        lock (_entries)
        {
            return [.. _entries.Skip(Math.Max(0, _entries.Count - count))];
        }
    }
}
