using Flint.Images;
using Flint.Runtimes.Common;
using Flint.Runtimes.Process;

namespace Flint.Runtimes.Direct;

/// <summary>
/// The image's executable started by hand the way the <c>process</c> runtime starts it, with nothing else
/// of Flint's around it: through <c>flint-exec</c>, the runtime's own exec chain, in a sandbox set up
/// beforehand (its own uid, an empty cgroup, a private working directory; see <see cref="ProcessSandbox"/>),
/// so that what the comparison leaves out is the gateway, not the isolation. Like the runtime's prepared starts
/// (<see cref="SandboxPool"/>), the launcher enters the sandbox when the instance is prepared and holds
/// (<c>flint-exec --hold</c>); the launch lets it exec the function. The instance binds
/// <c>PORT</c> itself. Where the host has no <c>flint-exec</c>, or the benchmark is not root, it falls
/// back to what the runtime itself does there.
/// </summary>
internal sealed class ProcessDirectStarter : IDirectStarter
{
    /// <summary>Uids of direct instances, apart from the range a gateway's own instances use.</summary>
    private static readonly UidRange DirectUids = new(2_100_000_000, 1024);

    private readonly string _cacheDirectory;
    private readonly string _stateDirectory;
    private readonly ProcessLauncher? _launcher = ProcessLauncher.Find();
    private readonly FunctionUids? _uids;

    public ProcessDirectStarter(string stateDirectory)
    {
        _stateDirectory = stateDirectory;
        _cacheDirectory = Path.Combine(stateDirectory, "images");
        _uids = _launcher is { IsPrivileged: true } ? new FunctionUids(DirectUids) : null;
    }

    public string Name => RuntimeNames.Process;

    public string Command => _launcher is null ? "exec" : Path.GetFileName(ProcessLauncher.HelperPath);

    public RuntimeAvailability CheckAvailability() => _launcher is null
        ? RuntimeAvailability.Unavailable($"{ProcessLauncher.HelperPath} is missing, and so are 'setpriv' and 'sh'")
        : RuntimeAvailability.Available;

    public DirectInstance Prepare(FunctionImage image, int port)
    {
        ArgumentNullException.ThrowIfNull(image);
        var launcher = _launcher ?? throw new InstanceStartException(CheckAvailability().Reason!);
        var executable = image.ExecutablePath(_cacheDirectory);
        var environment = InstanceEnvironment.For(DirectSpec.For(image), port);
        var id = $"direct-process-{port}";
        var sandbox = ProcessSandbox.Create(id, ResourceLimits.None, _stateDirectory, _uids);
        var run = new CommandRun(id, new DirectCommand(launcher.Arguments(executable, sandbox, launcher.CanHold), environment, sandbox.WorkingDirectory, launcher.CanHold));
        try
        {
            run.Prepare(SandboxPool.HoldLimit);
        }
        catch
        {
            run.Dispose();
            sandbox.Dispose();
            throw;
        }

        return new DirectInstance(id, port, run, stop: null, () =>
        {
            sandbox.Dispose();
            return Task.CompletedTask;
        });
    }

    public Task<int> SweepAsync(CancellationToken cancellationToken) => Task.FromResult(0);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
