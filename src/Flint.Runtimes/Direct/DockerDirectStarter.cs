using Flint.Images;
using Flint.Runtimes.Common;
using Flint.Runtimes.Docker;
using Flint.Runtimes.Oci;

namespace Flint.Runtimes.Direct;

/// <summary>
/// <c>docker run</c> in the foreground, as a user types it, of the same image with the same isolation the
/// <c>docker</c> runtime asks for (host network, read-only root, no capabilities, no new privileges; see
/// <see cref="DockerCli.RunCommand"/>); the container binds <c>PORT</c> itself. Its containers carry an
/// owner label of this starter's own, so a gateway's sweep never takes them, and its sweep only them.
/// The image is loaded into the daemon once, when the first instance is prepared.
/// </summary>
internal sealed class DockerDirectStarter : IDirectStarter
{
    private readonly DockerCli _docker;
    private readonly DockerImageLoader _images;
    private readonly Lazy<RuntimeAvailability> _availability;

    public DockerDirectStarter(string stateDirectory)
    {
        var binary = HostPath.Find("docker");
        _docker = new DockerCli(binary ?? "docker", "direct-" + DockerCli.OwnerOf(stateDirectory));
        _images = new DockerImageLoader(_docker);
        _availability = new Lazy<RuntimeAvailability>(() => DockerAvailability.Check(binary, HostPath.Find("skopeo")));
    }

    public string Name => RuntimeNames.Docker;

    public string Command => "docker run";

    public RuntimeAvailability CheckAvailability() => _availability.Value;

    public DirectInstance Prepare(FunctionImage image, int port)
    {
        ArgumentNullException.ThrowIfNull(image);
        var tag = _images.EnsureLoadedAsync(DirectSpec.FunctionName, image).GetAwaiter().GetResult();
        var name = ContainerIds.New($"{DirectSpec.FunctionName}-docker");
        var environment = InstanceEnvironment.For(DirectSpec.For(image), port).Select(e => $"{e.Key}={e.Value}");
        var command = new DirectCommand(_docker.RunCommand(name, DirectSpec.FunctionName, tag, environment, ResourceLimits.None, detach: false), OciCommandLine.RunEnvironment());
        return new DirectInstance(name, port, command, () => _docker.KillAsync(name, CancellationToken.None), () => _docker.RemoveForceAsync(name, CancellationToken.None));
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        if (!CheckAvailability().IsAvailable)
        {
            return 0;
        }

        var removed = 0;
        foreach (var name in await _docker.OwnedContainersAsync(cancellationToken).ConfigureAwait(false))
        {
            (await _docker.RemoveForceAsync(name, cancellationToken).ConfigureAwait(false)).ThrowIfFailed();
            removed++;
        }

        return removed;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
