using Flint.Runtimes.Common;

namespace Flint.Runtimes.Direct;

/// <summary>
/// One directly started instance: a prepared command line, launched once, and a disposal that always
/// stops it and removes what it left: the runtime's own stop first (<c>crun kill</c>), then SIGKILL to the
/// command's process group once it has had time to exit, then the runtime's clean-up (<c>crun delete</c>,
/// the bundle). Disposal is safe whether or not it was launched.
/// </summary>
public sealed class DirectInstance : IAsyncDisposable
{
    private const int Sigkill = 9;
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan OutputDrainLimit = TimeSpan.FromSeconds(1);

    private readonly DirectCommand _command;
    private readonly Func<Task>? _stop;
    private readonly Func<Task> _remove;
    private SpawnedProcess? _process;
    private OutputPump? _stdout;
    private OutputPump? _stderr;
    private bool _disposed;

    /// <param name="id">The instance's name (the container id, where there is one).</param>
    /// <param name="port">The loopback port the instance binds.</param>
    /// <param name="command">What <see cref="Launch"/> runs.</param>
    /// <param name="stop">The runtime's own stop (<c>crun kill</c>), after which the command exits by itself; null: SIGKILL at once.</param>
    /// <param name="remove">The runtime's clean-up once the command has exited (<c>crun delete</c>, the bundle).</param>
    internal DirectInstance(string id, int port, DirectCommand command, Func<Task>? stop, Func<Task> remove)
    {
        Id = id;
        Port = port;
        _command = command;
        _stop = stop;
        _remove = remove;
    }

    public string Id { get; }

    /// <summary>The loopback port the instance binds.</summary>
    public int Port { get; }

    /// <summary>The command's argument vector, the program first.</summary>
    public IReadOnlyList<string> Arguments => _command.Arguments;

    /// <summary>Whether the launched command has exited (false before launch).</summary>
    public bool HasExited => _process?.HasExited ?? false;

    /// <summary>Starts the command (posix_spawn); returns once it runs.</summary>
    public void Launch()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_process is not null)
        {
            throw new InvalidOperationException($"direct instance {Id} was already launched");
        }

        _process = SpawnedProcess.Start(new SpawnRequest(_command.Arguments, _command.Environment, _command.WorkingDirectory, OwnProcessGroup: true));
        _stdout = new OutputPump(_process.StandardOutput, Id, OutputChannel.Stdout, NullInstanceLog.Instance);
        _stderr = new OutputPump(_process.StandardError, Id, OutputChannel.Stderr, NullInstanceLog.Instance);
    }

    /// <summary>The last lines the command printed, stderr after stdout.</summary>
    public string OutputTail() =>
        string.Join('\n', new[] { _stdout?.Tail() ?? "", _stderr?.Tail() ?? "" }.Where(t => t.Length > 0));

    /// <summary>The last lines the command printed, once it has exited and its output is read to the end (bounded wait).</summary>
    public async Task<string> FinalOutputTailAsync()
    {
        if (_process is { } process)
        {
            await process.Exited.WaitAsync(ExitWait).ConfigureAwait(false);
            await DrainAsync().ConfigureAwait(false);
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
            if (_process is { } process)
            {
                try
                {
                    if (_stop is not null)
                    {
                        await _stop().ConfigureAwait(false);
                        await Task.WhenAny(process.Exited, Task.Delay(ExitWait)).ConfigureAwait(false);
                    }
                }
                finally
                {
                    process.Signal(Sigkill, wholeGroup: true);
                    await process.Exited.WaitAsync(ExitWait).ConfigureAwait(false);
                    await DrainAsync().ConfigureAwait(false);
                    process.Dispose();
                }
            }
        }
        finally
        {
            await _remove().ConfigureAwait(false);
        }
    }

    private async Task DrainAsync()
    {
        try
        {
            await Task.WhenAll(_stdout!.Completion, _stderr!.Completion).WaitAsync(OutputDrainLimit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A descendant still holds the pipes; the tail so far is all we keep.
        }
    }
}
