using Flint.Runtimes.Common;

namespace Flint.Runtimes.Direct;

/// <summary>
/// A host command, spawned in its own process group with its output read into tails. A held command
/// (<see cref="DirectCommand.Held"/>) is spawned by <see cref="Prepare"/> and let go by <see cref="Start"/>.
/// </summary>
internal sealed class CommandRun(string id, DirectCommand command) : IDirectRun
{
    private const int Sigkill = 9;
    private static readonly TimeSpan OutputDrainLimit = TimeSpan.FromSeconds(1);
    private SpawnedProcess? _process;
    private OutputPump? _stdout;
    private OutputPump? _stderr;

    public IReadOnlyList<string> Arguments => command.Arguments;

    public bool HasExited => _process?.HasExited ?? false;

    public Task Exited => _process?.Exited ?? Task.CompletedTask;

    public bool Spawned => _process is not null;

    /// <summary>
    /// Spawns a held command ahead of its start and returns once it holds (within <paramref name="limit"/>); nothing
    /// for one that is not held. Throws <see cref="InstanceStartException"/> when it ended or did not hold in time.
    /// </summary>
    public void Prepare(TimeSpan limit)
    {
        if (!command.Held)
        {
            return;
        }

        Spawn();
        if (!_process!.HeldAsync(limit, CancellationToken.None).GetAwaiter().GetResult())
        {
            // It ended (or hangs) before holding: what it printed says why.
            DrainAsync(OutputDrainLimit).GetAwaiter().GetResult();
            throw new InstanceStartException($"'{command.Arguments[0]}' did not hold within {limit.TotalSeconds:0.#} s: {OutputTail()}");
        }
    }

    public void Start()
    {
        if (_process is null)
        {
            Spawn();
        }

        _process!.Go();
    }

    public void Kill() => _process?.Signal(Sigkill, wholeGroup: true);

    public string OutputTail() =>
        string.Join('\n', new[] { _stdout?.Tail() ?? "", _stderr?.Tail() ?? "" }.Where(t => t.Length > 0));

    public async Task DrainAsync(TimeSpan limit)
    {
        if (_stdout is null || _stderr is null)
        {
            return;
        }

        try
        {
            await Task.WhenAll(_stdout.Completion, _stderr.Completion).WaitAsync(limit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A descendant still holds the pipes; the tail so far is all we keep.
        }
    }

    public void Dispose() => _process?.Dispose();

    private void Spawn()
    {
        _process = SpawnedProcess.Start(new SpawnRequest(command.Arguments, command.Environment, command.WorkingDirectory, OwnProcessGroup: true, HeldStdin: command.Held));
        _stdout = new OutputPump(_process.StandardOutput, id, OutputChannel.Stdout, NullInstanceLog.Instance);
        _stderr = new OutputPump(_process.StandardError, id, OutputChannel.Stderr, NullInstanceLog.Instance);
    }
}
