using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;

namespace Flint.Images.Oci;

/// <summary>
/// Writes a single-layer OCI image layout: the static executable at <c>/function</c>, a config with
/// the entrypoint and <c>PORT</c>, one manifest, and an index tagged with the function's name.
/// The output is deterministic: the same executable gives the same digests.
/// </summary>
public static class OciLayoutWriter
{
    public const string FunctionPath = "/function";
    public const int DefaultPort = 8080;
    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;

    /// <param name="executablePath">The static executable, which becomes <see cref="FunctionPath"/>.</param>
    /// <param name="layoutDirectory">Where the OCI image layout is written.</param>
    /// <param name="tag">The image's name in the layout's index (<c>org.opencontainers.image.ref.name</c>).</param>
    /// <param name="port">The <c>PORT</c> the image's environment sets and its config exposes; null: none (an image that serves nothing).</param>
    public static OciLayoutSummary Write(string executablePath, string layoutDirectory, string tag, int? port = DefaultPort)
    {
        var blobs = Path.Combine(layoutDirectory, "blobs", "sha256");
        Directory.CreateDirectory(blobs);

        var tar = LayerTar(executablePath);
        var layer = Gzip(tar);
        var layerDescriptor = WriteBlob(blobs, OciMediaTypes.LayerGzip, layer);

        var config = new OciImageConfig(
            Created: "1970-01-01T00:00:00Z",
            Architecture: "amd64",
            Os: "linux",
            Config: new OciContainerConfig(
                Entrypoint: [FunctionPath],
                Env: port is { } served ? ["PATH=/", $"PORT={served}"] : ["PATH=/"],
                ExposedPorts: port is { } exposed ? new Dictionary<string, OciEmpty> { [$"{exposed}/tcp"] = new() } : new Dictionary<string, OciEmpty>(),
                WorkingDir: "/"),
            RootFs: new OciRootFs("layers", [Digest.Of(tar)]));
        var configDescriptor = WriteBlob(blobs, OciMediaTypes.Config, JsonSerializer.SerializeToUtf8Bytes(config, OciJsonContext.Default.OciImageConfig));

        var manifest = new OciManifest(2, OciMediaTypes.Manifest, configDescriptor, [layerDescriptor]);
        var manifestDescriptor = WriteBlob(blobs, OciMediaTypes.Manifest, JsonSerializer.SerializeToUtf8Bytes(manifest, OciJsonContext.Default.OciManifest)) with
        {
            Annotations = new Dictionary<string, string> { [OciMediaTypes.RefNameAnnotation] = tag },
        };

        var index = new OciIndex(2, OciMediaTypes.Index, [manifestDescriptor]);
        File.WriteAllBytes(Path.Combine(layoutDirectory, "index.json"), JsonSerializer.SerializeToUtf8Bytes(index, OciJsonContext.Default.OciIndex));
        File.WriteAllBytes(Path.Combine(layoutDirectory, "oci-layout"), JsonSerializer.SerializeToUtf8Bytes(new OciLayoutFile("1.0.0"), OciJsonContext.Default.OciLayoutFile));

        return new OciLayoutSummary(manifestDescriptor.Digest, layerDescriptor.Digest, layer.LongLength, tar.LongLength);
    }

    private static byte[] LayerTar(string executablePath)
    {
        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true))
        {
            using var content = File.OpenRead(executablePath);
            var entry = new UstarTarEntry(TarEntryType.RegularFile, FunctionPath.TrimStart('/'))
            {
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
                ModificationTime = Epoch,
                Uid = 0,
                Gid = 0,
                DataStream = content,
            };
            writer.WriteEntry(entry);
        }

        return output.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static OciDescriptor WriteBlob(string blobs, string mediaType, byte[] content)
    {
        var digest = Digest.Of(content);
        File.WriteAllBytes(Path.Combine(blobs, Digest.Hex(digest)), content);
        return new OciDescriptor(mediaType, digest, content.LongLength);
    }
}
