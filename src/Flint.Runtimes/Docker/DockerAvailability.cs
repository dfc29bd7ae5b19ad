namespace Flint.Runtimes.Docker;

/// <summary>
/// Whether the docker runtime can run instances now: the CLI and skopeo are installed and a daemon
/// answers on the socket. Asked each time, since the daemon may be started or stopped at any moment.
/// </summary>
internal static class DockerAvailability
{
    public static RuntimeAvailability Check(string? docker, string? skopeo)
    {
        if (docker is null)
        {
            return RuntimeAvailability.Unavailable("'docker' is not installed (Debian package docker.io; scripts/setup-containers.sh installs it)");
        }

        if (skopeo is null)
        {
            return RuntimeAvailability.Unavailable("'skopeo' is not installed (Debian package skopeo; scripts/setup-containers.sh installs it); it loads images into the daemon");
        }

        if (!File.Exists(DockerCli.Socket))
        {
            return RuntimeAvailability.Unavailable($"no Docker daemon at {DockerCli.Socket}: run scripts/docker-daemon.sh start");
        }

        var version = new DockerCli(docker, owner: "").VersionAsync(CancellationToken.None).GetAwaiter().GetResult();
        return version.Succeeded
            ? RuntimeAvailability.Available
            : RuntimeAvailability.Unavailable($"the Docker daemon at {DockerCli.Socket} does not answer ({version.Stderr.Trim()}): run scripts/docker-daemon.sh start");
    }
}
