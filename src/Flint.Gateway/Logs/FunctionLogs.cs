using System.Collections.Concurrent;

namespace Flint.Gateway.Logs;

/// <summary>One bounded log buffer per function, created on first use.</summary>
internal sealed class FunctionLogs
{
    private readonly int _linesPerFunction;
    private readonly ConcurrentDictionary<string, FunctionLogBuffer> _buffers = new(StringComparer.Ordinal);

    public FunctionLogs(int linesPerFunction)
    {
        _linesPerFunction = linesPerFunction;
    }

    public FunctionLogBuffer For(string function) =>
        _buffers.GetOrAdd(function, _ => new FunctionLogBuffer(_linesPerFunction));

    public void Forget(string function) => _buffers.TryRemove(function, out _);
}
