namespace Flint.Runtimes;

/// <summary>
/// A running function instance: where to send requests, when each boot phase happened, and the
/// runtime's own handle for stopping it.
/// </summary>
public sealed class Instance
{
    public Instance(string id, string runtimeName, int port, PhaseTimeline phases, object runtimeState, Task? accepting = null)
    {
        Accepting = accepting ?? Task.CompletedTask;

        // Marked observed here: whoever the instance is handed to may never look at a failure.
        _ = Accepting.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        Id = id;
        RuntimeName = runtimeName;
        Port = port;
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        Phases = phases;
        RuntimeState = runtimeState;
    }

    public string Id { get; }

    public string RuntimeName { get; }

    /// <summary>The loopback port the instance listens on.</summary>
    public int Port { get; }

    /// <summary>The base address to forward requests to.</summary>
    public Uri Endpoint { get; }

    public PhaseTimeline Phases { get; }

    /// <summary>
    /// Completes once the instance has accepted a connection; faults with <see cref="InstanceStartException"/>
    /// when it exits or times out first (the runtime has stopped it by then). Already complete unless the
    /// instance was handed off at launch (<see cref="InstanceSpec.HandOffAtLaunch"/>).
    /// </summary>
    public Task Accepting { get; }

    /// <summary>How the instance ended; set by its runtime once <see cref="IInstanceRuntime.StopAsync"/> has stopped it (null before, or where the runtime cannot tell).</summary>
    public InstanceEnd? End { get; private set; }

    /// <summary>For the runtime that stops the instance: records how it ended.</summary>
    public void RecordEnd(InstanceEnd end) => End = end;

    /// <summary>Opaque to everyone but the runtime that started the instance.</summary>
    public object RuntimeState { get; }
}
