using System.Collections.Concurrent;

namespace Flint.Runtimes.Tests.Process;

/// <summary>An instance log that keeps every line, for assertions.</summary>
internal sealed class RecordingLog : IInstanceLog
{
    public ConcurrentQueue<(string InstanceId, OutputChannel Channel, string Line)> Lines { get; } = new();

    public void Write(string instanceId, OutputChannel channel, string line) => Lines.Enqueue((instanceId, channel, line));
}
