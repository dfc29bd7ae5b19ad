using System.Collections.Concurrent;

namespace Flint.Runtimes.Tests.Oci;

/// <summary>An <see cref="IInstanceLog"/> that keeps every line, for tests to inspect.</summary>
public sealed class RecordingLog : IInstanceLog
{
    private readonly ConcurrentQueue<(string InstanceId, OutputChannel Channel, string Line)> _lines = new();

    public IReadOnlyList<(string InstanceId, OutputChannel Channel, string Line)> Lines => [.. _lines];

    public void Write(string instanceId, OutputChannel channel, string line) => _lines.Enqueue((instanceId, channel, line));
}
