using System.Collections.Concurrent;
using Flint.Images;
using Flint.Images.Oci;
using Flint.Runtimes.Oci;

namespace Flint.Runtimes.Docker;

/// <summary>
/// Loads a function image into the daemon once per digest, as <c>flint/&lt;function&gt;:&lt;digest12&gt;</c>,
/// with <c>skopeo copy oci:&lt;layout&gt; docker-daemon:&lt;tag&gt;</c>: skopeo reads the OCI layout as
/// it is, so Flint needs no docker-archive writer of its own. A tag already in the daemon (from an
/// earlier run) is reused.
/// </summary>
internal sealed class DockerImageLoader
{
    private readonly DockerCli _docker;
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _loaded = new();

    public DockerImageLoader(DockerCli docker)
    {
        _docker = docker;
    }

    public async Task<string> EnsureLoadedAsync(string functionName, FunctionImage image)
    {
        var tag = $"flint/{ContainerIds.SafeName(functionName)}:{Digest.Hex(image.ManifestDigest)[..12]}";
        var load = _loaded.GetOrAdd(tag, t => new Lazy<Task<string>>(() => LoadAsync(t, image)));
        try
        {
            return await load.Value.ConfigureAwait(false);
        }
        catch
        {
            _loaded.TryRemove(KeyValuePair.Create(tag, load));
            throw;
        }
    }

    private async Task<string> LoadAsync(string tag, FunctionImage image)
    {
        if (!await _docker.HasImageAsync(tag, CancellationToken.None).ConfigureAwait(false))
        {
            (await HostCommand.RunAsync(
                ["skopeo", "copy", "--quiet", $"oci:{image.LayoutDirectory}", $"docker-daemon:{tag}"],
                CancellationToken.None).ConfigureAwait(false)).ThrowIfFailed();
        }

        return tag;
    }
}
