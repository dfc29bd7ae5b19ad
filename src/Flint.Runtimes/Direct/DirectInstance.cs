namespace Flint.Runtimes.Direct;

/// <summary>
/// One directly started instance: a prepared command line (or a VM run), launched once, and a disposal that
/// always stops it and removes what it left: the runtime's own stop first (<c>crun kill</c>), then SIGKILL to
/// the command's process group once it has had time to exit, then the runtime's clean-up (<c>crun delete</c>,
/// the bundle). Disposal is safe whether or not it was launched.
/// </summary>
public sealed class DirectInstance : IAsyncDisposable
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan OutputDrainLimit = TimeSpan.FromSeconds(1);

    private readonly IDirectRun _run;
    private readonly Func<Task>? _stop;
    private readonly Func<Task> _remove;
    private bool _launched;
    private bool _disposed;

    /// <param name="id">The instance's name (the container id, where there is one).</param>
    /// <param name="port">The loopback port the instance listens on.</param>
    /// <param name="command">What <see cref="Launch"/> runs.</param>
    /// <param name="stop">The runtime's own stop (<c>crun kill</c>), after which the command exits by itself; null: SIGKILL at once.</param>
    /// <param name="remove">The runtime's clean-up once the command has exited (<c>crun delete</c>, the bundle).</param>
    internal DirectInstance(string id, int port, DirectCommand command, Func<Task>? stop, Func<Task> remove)
        : this(id, port, new CommandRun(id, command), stop, remove)
    {
    }

    /// <param name="id">The instance's name.</param>
    /// <param name="port">The loopback port the instance listens on.</param>
    /// <param name="run">What <see cref="Launch"/> starts.</param>
    /// <param name="stop">The runtime's own stop, after which the run ends by itself; null: killed at once.</param>
    /// <param name="remove">The clean-up once the run has ended.</param>
    internal DirectInstance(string id, int port, IDirectRun run, Func<Task>? stop, Func<Task> remove)
    {
        Id = id;
        Port = port;
        _run = run;
        _stop = stop;
        _remove = remove;
    }

    public string Id { get; }

    /// <summary>The loopback port the instance listens on.</summary>
    public int Port { get; }

    /// <summary>What it runs: the command's argument vector, the program first.</summary>
    public IReadOnlyList<string> Arguments => _run.Arguments;

    /// <summary>Whether the launched run has ended (false before launch).</summary>
    public bool HasExited => _launched && _run.HasExited;

    /// <summary>Starts the run (a command through posix_spawn, or a VM); returns once it runs.</summary>
    public void Launch()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_launched)
        {
            throw new InvalidOperationException($"direct instance {Id} was already launched");
        }

        _run.Start();
        _launched = true;
    }

    /// <summary>The last lines the run printed, stderr after stdout.</summary>
    public string OutputTail() => _run.OutputTail();

    /// <summary>The last lines the run printed, once it has ended and its output is read to the end (bounded wait).</summary>
    public async Task<string> FinalOutputTailAsync()
    {
        if (_launched)
        {
            await _run.Exited.WaitAsync(ExitWait).ConfigureAwait(false);
            await _run.DrainAsync(OutputDrainLimit).ConfigureAwait(false);
        }

        return OutputTail();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (_launched || _run.Spawned)
            {
                try
                {
                    if (_launched && _stop is not null)
                    {
                        await _stop().ConfigureAwait(false);
                        await Task.WhenAny(_run.Exited, Task.Delay(ExitWait)).ConfigureAwait(false);
                    }
                }
                finally
                {
                    _run.Kill();
                    await _run.Exited.WaitAsync(ExitWait).ConfigureAwait(false);
                    await _run.DrainAsync(OutputDrainLimit).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _run.Dispose();
            await _remove().ConfigureAwait(false);
        }
    }
}
