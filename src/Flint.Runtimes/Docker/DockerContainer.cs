using Flint.Runtimes.Common;
using Flint.Runtimes.Oci;

namespace Flint.Runtimes.Docker;

/// <summary>A container Flint ran, and the <c>docker logs --follow</c> pumping its output.</summary>
internal sealed class DockerContainer : IDisposable
{
    private readonly System.Diagnostics.Process _logs;
    private Task? _teardown;

    private readonly PortLease _port;

    public DockerContainer(string name, System.Diagnostics.Process logs, PortLease port, IInstanceLog log)
    {
        Name = name;
        _logs = logs;
        _port = port;
        Stdout = new OutputPump(logs.StandardOutput, name, OutputChannel.Stdout, log);
        Stderr = new OutputPump(logs.StandardError, name, OutputChannel.Stderr, log);
        Exited = Task.WhenAll(logs.WaitForExitAsync(), Stdout.Completion, Stderr.Completion);
    }

    public string Name { get; }

    public OutputPump Stdout { get; }

    public OutputPump Stderr { get; }

    /// <summary>Completes when the container has stopped (docker logs then reaches its end).</summary>
    public Task Exited { get; }

    public bool HasExited => Exited.IsCompleted;

    /// <summary>Whether the daemon said the kernel killed the container for its memory limit; set by the teardown, before it removes the container.</summary>
    public bool OomKilled { get; set; }

    /// <summary>Runs <paramref name="teardown"/> once; later callers await the same teardown.</summary>
    public Task TeardownOnce(Func<Task> teardown)
    {
        lock (_logs)
        {
            return _teardown ??= teardown();
        }
    }

    public string OutputTail() => OutputTails.Format(Stdout, Stderr);

    public void Dispose()
    {
        if (!_logs.HasExited)
        {
            _logs.Kill();
        }

        _logs.Dispose();
        _port.Dispose();
    }
}
