using Flint.Images.Oci;

namespace Flint.Images;

/// <summary>
/// A function image as every runtime sees it: an OCI image layout whose one layer holds the static
/// executable named by the entrypoint. Load it from a <c>flint build</c> output directory or from
/// the layout directory itself. <see cref="User"/> is the image configuration's <c>User</c> as written
/// (unvalidated); the container runtimes decide what they accept.
/// </summary>
public sealed record FunctionImage(
    string LayoutDirectory,
    string ManifestDigest,
    IReadOnlyList<string> Entrypoint,
    IReadOnlyList<string> Env,
    OciDescriptor Layer,
    string? User = null)
{
    public const string LayoutFolderName = "oci";

    public static FunctionImage Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            throw new ImageException($"image '{path}' does not exist");
        }

        var layout = File.Exists(Path.Combine(full, "oci-layout")) ? full : Path.Combine(full, LayoutFolderName);
        if (!File.Exists(Path.Combine(layout, "oci-layout")))
        {
            throw new ImageException($"'{path}' is neither an OCI image layout nor a flint build output (no oci-layout file)");
        }

        var (manifest, content, config) = OciLayoutReader.Read(layout);
        if (content.Layers is not [var layer])
        {
            throw new ImageException($"image {manifest.Digest} must have exactly one layer, found {content.Layers?.Count ?? 0}");
        }

        return new FunctionImage(layout, manifest.Digest, config.Config.Entrypoint, config.Config.Env ?? [], layer, config.Config.User);
    }

    /// <summary>Reads the layer through under the unpacking rules (<see cref="LayerExtractor"/>) without writing; throws <see cref="ImageException"/> naming what is wrong.</summary>
    public void CheckLayer() => LayerExtractor.Check(OciLayoutReader.VerifiedBlobPath(LayoutDirectory, Layer));

    /// <summary>
    /// The image's root file system, unpacked once per image under <paramref name="cacheRoot"/> (keyed
    /// by manifest digest) and shared read-only by every instance.
    /// </summary>
    public string UnpackRootfs(string cacheRoot)
    {
        var target = Path.Combine(cacheRoot, Digest.Hex(ManifestDigest), "rootfs");
        if (Directory.Exists(target))
        {
            return target;
        }

        var staging = Path.Combine(cacheRoot, $".staging-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(staging);
            LayerExtractor.Extract(OciLayoutReader.VerifiedBlobPath(LayoutDirectory, Layer), staging);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            try
            {
                Directory.Move(staging, target);
            }
            catch (IOException) when (Directory.Exists(target))
            {
                // Another instance unpacked the same image first; theirs is identical.
            }

            return target;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>The host path of the entrypoint executable inside an unpacked rootfs.</summary>
    public string ExecutablePath(string cacheRoot) =>
        Path.Combine(UnpackRootfs(cacheRoot), Entrypoint[0].TrimStart('/'));

    /// <summary>The image's default environment as pairs (<c>PORT=8080</c> becomes PORT, 8080).</summary>
    public IEnumerable<KeyValuePair<string, string>> EnvironmentPairs() =>
        Env.Select(e => e.Split('=', 2)).Where(p => p.Length == 2).Select(p => KeyValuePair.Create(p[0], p[1]));
}
