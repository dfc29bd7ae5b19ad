namespace Flint.Runtimes.Docker;

/// <summary>Phases only the docker runtime marks, between the shared <see cref="InstancePhases"/>.</summary>
public static class DockerPhases
{
    /// <summary>The image is in the daemon (loaded now, or earlier).</summary>
    public const string Image = "image";

    /// <summary>On stop: <c>docker rm --force</c> returned; the container is gone.</summary>
    public const string Removed = "removed";
}
