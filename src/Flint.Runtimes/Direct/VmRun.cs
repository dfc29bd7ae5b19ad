using Flint.Runtimes.Common;
using Flint.Runtimes.Vm;
using Flint.Vm;

namespace Flint.Runtimes.Direct;

/// <summary>
/// A Flint VM run by its monitor in this process, as a program using the monitor as a library would: the
/// guest adopts <paramref name="listener"/> as its listening socket; its output is kept as tails.
/// </summary>
internal sealed class VmRun(string id, VmRunOptions options, InstanceListener listener) : IDirectRun
{
    private readonly CancellationTokenSource _stop = new();
    private readonly InstanceLogStream _stdout = new(id, OutputChannel.Stdout, NullInstanceLog.Instance);
    private readonly InstanceLogStream _stderr = new(id, OutputChannel.Stderr, NullInstanceLog.Instance);
    private Task? _ended;

    public IReadOnlyList<string> Arguments => [$"flint-vm ({VmPlatform.Name(VmPlatform.Resolve(options.Platform))})", options.ElfPath];

    public bool HasExited => _ended?.IsCompleted ?? false;

    public bool Spawned => _ended is not null;

    public Task Exited => _ended ?? Task.CompletedTask;

    public void Start()
    {
        var run = VmRunner.RunAsync(options with { ListenSocket = listener.Socket, Stdout = _stdout, Stderr = _stderr }, _stop.Token);

        // Ended, whether the guest exited, was stopped, or the monitor refused it: the outcome is in the output.
        _ended = run.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    public void Kill() => _stop.Cancel();

    public string OutputTail() =>
        string.Join('\n', new[] { _stdout.Tail(), _stderr.Tail() }.Where(t => t.Length > 0));

    public Task DrainAsync(TimeSpan limit) => Task.CompletedTask;

    public void Dispose()
    {
        _stop.Dispose();
        listener.Dispose();
        _stdout.Dispose();
        _stderr.Dispose();
    }
}
