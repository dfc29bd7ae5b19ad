using Flint.Runtimes.Oci;

namespace Flint.Runtimes.Docker;

/// <summary>
/// Creates the <c>docker</c> runtime. It talks to the daemon at <c>/var/run/docker.sock</c>
/// (<c>scripts/docker-daemon.sh start</c> starts one with host networking only). The returned runtime
/// is <see cref="IAsyncDisposable"/>; disposing it removes every container it still holds.
/// </summary>
public static class DockerRuntimes
{
    /// <summary>The label every Flint container carries, valued with its function's name.</summary>
    public const string FunctionLabel = DockerCli.FunctionLabel;

    /// <summary>
    /// The runtime for a host whose state lives in <paramref name="stateDirectory"/>: its containers
    /// carry a label derived from that directory, and its leftover sweep removes only those.
    /// </summary>
    public static IInstanceRuntime Create(string stateDirectory)
    {
        var docker = HostPath.Find("docker");
        var skopeo = HostPath.Find("skopeo");
        return new DockerRuntime(new DockerCli(docker ?? "docker", DockerCli.OwnerOf(stateDirectory)), () => DockerAvailability.Check(docker, skopeo));
    }
}
