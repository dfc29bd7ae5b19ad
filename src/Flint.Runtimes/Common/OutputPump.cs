namespace Flint.Runtimes.Common;

/// <summary>
/// Copies an instance's output stream, line by line, into its function's log and keeps the last
/// lines so a failed start can say what the instance printed.
/// </summary>
public sealed class OutputPump
{
    private const int TailLines = 20;
    private readonly Queue<string> _tail = new();
    private readonly Task _completion;

    public OutputPump(TextReader reader, string instanceId, OutputChannel channel, IInstanceLog log)
    {
        _completion = Task.Run(async () =>
        {
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
