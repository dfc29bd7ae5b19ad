namespace Flint.Runtimes.Common;

/// <summary>
/// Copies an instance's output stream, line by line, into its function's log and keeps the last
/// lines so a failed start can say what the instance printed. It owns the reader and disposes it
/// (closing the pipe) as soon as the stream ends, rather than whenever a garbage collection comes.
/// </summary>
public sealed class OutputPump
{
    private const int TailLines = 20;
    private readonly Queue<string> _tail = new();
    private readonly Task _completion;

    public OutputPump(Stream stream, string instanceId, OutputChannel channel, IInstanceLog log)
        : this(new StreamReader(stream), instanceId, channel, log)
    {
    }

    public OutputPump(TextReader reader, string instanceId, OutputChannel channel, IInstanceLog log)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _completion = Task.Run(async () =>
        {
            using var _ = reader;
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                log.Write(instanceId, channel, line);
                lock (_tail)
                {
                    _tail.Enqueue(line);
                    if (_tail.Count > TailLines)
                    {
                        _tail.Dequeue();
                    }
                }
            }
        });
    }

    /// <summary>Completes when the stream reaches its end (the instance closed it or exited).</summary>
    public Task Completion => _completion;

    public string Tail()
    {
        lock (_tail)
        {
            return string.Join('\n', _tail);
        }
    }
}
