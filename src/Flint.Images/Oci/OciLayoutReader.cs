using System.Text.Json;

namespace Flint.Images.Oci;

/// <summary>Reads an OCI image layout with one image, checking every blob against its digest.</summary>
public static class OciLayoutReader
{
    private const long MaxJsonBytes = 4 * 1024 * 1024;

    public static (OciDescriptor Manifest, OciManifest Content, OciImageConfig Config) Read(string layoutDirectory)
    {
        if (!File.Exists(Path.Combine(layoutDirectory, "oci-layout")))
        {
            throw new ImageException($"'{layoutDirectory}' is not an OCI image layout (no oci-layout file)");
        }

        var index = ReadJson(Path.Combine(layoutDirectory, "index.json"), OciJsonContext.Default.OciIndex);
        if (index.Manifests is not [var manifestDescriptor])
        {
            throw new ImageException($"'{layoutDirectory}' must hold exactly one image manifest, found {index.Manifests?.Count ?? 0}");
        }

        var manifest = JsonSerializer.Deserialize(ReadBlob(layoutDirectory, manifestDescriptor), OciJsonContext.Default.OciManifest)
            ?? throw new ImageException($"manifest {manifestDescriptor.Digest} is empty");
        var config = JsonSerializer.Deserialize(ReadBlob(layoutDirectory, manifest.Config), OciJsonContext.Default.OciImageConfig)
            ?? throw new ImageException($"config {manifest.Config.Digest} is empty");
        if (config.Config?.Entrypoint is not { Count: > 0 })
        {
            throw new ImageException($"image {manifestDescriptor.Digest} has no entrypoint");
        }

        return (manifestDescriptor, manifest, config);
    }

    /// <summary>A blob's path after checking its size and digest match its descriptor.</summary>
    public static string VerifiedBlobPath(string layoutDirectory, OciDescriptor descriptor)
    {
        var path = BlobPath(layoutDirectory, descriptor);
        using var stream = File.OpenRead(path);
        if (stream.Length != descriptor.Size)
        {
            throw new ImageException($"blob {descriptor.Digest} is {stream.Length} bytes, its descriptor says {descriptor.Size}");
        }

        var actual = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
        if (actual != descriptor.Digest)
        {
            throw new ImageException($"blob {descriptor.Digest} is corrupt (its content hashes to {actual})");
        }

        return path;
    }

    private static byte[] ReadBlob(string layoutDirectory, OciDescriptor descriptor)
    {
        if (descriptor.Size is < 0 or > MaxJsonBytes)
        {
            throw new ImageException($"blob {descriptor.Digest} is too large for a JSON document ({descriptor.Size} bytes)");
        }

        return File.ReadAllBytes(VerifiedBlobPath(layoutDirectory, descriptor));
    }

    private static string BlobPath(string layoutDirectory, OciDescriptor descriptor)
    {
        var path = Path.Combine(layoutDirectory, "blobs", "sha256", Digest.Hex(descriptor.Digest));
        return File.Exists(path) ? path : throw new ImageException($"blob {descriptor.Digest} is missing from '{layoutDirectory}'");
    }

    private static T ReadJson<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), type) ?? throw new ImageException($"'{path}' is empty");
        }
        catch (FileNotFoundException)
        {
            throw new ImageException($"'{path}' is missing");
        }
        catch (JsonException e)
        {
            throw new ImageException($"'{path}' is not valid JSON: {e.Message}", e);
        }
    }
}
