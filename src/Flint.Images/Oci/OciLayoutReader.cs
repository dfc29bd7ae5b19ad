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

        var manifest = ParseBlob(layoutDirectory, manifestDescriptor, "manifest", OciJsonContext.Default.OciManifest);
        var config = ParseBlob(layoutDirectory, manifest.Config, "config", OciJsonContext.Default.OciImageConfig);
        if (config.Config?.Entrypoint is not { Count: > 0 })
        {
            throw new ImageException($"image {manifestDescriptor.Digest} has no entrypoint");
        }

        return (manifestDescriptor, manifest, config);
    }

    /// <summary>A blob's path after checking its size and digest match its descriptor.</summary>
    public static string VerifiedBlobPath(string layoutDirectory, OciDescriptor descriptor)
    {
        if (descriptor?.Digest is null)
        {
            // JSON may leave out what the record declares non-null.
            throw new ImageException("a descriptor in the image has no digest");
        }

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

    private static T ParseBlob<T>(string layoutDirectory, OciDescriptor? descriptor, string what, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        if (descriptor?.Digest is null)
        {
            throw new ImageException($"the image's {what} descriptor is missing or has no digest");
        }

        if (descriptor.Size is < 0 or > MaxJsonBytes)
        {
            throw new ImageException($"blob {descriptor.Digest} is too large for a JSON document ({descriptor.Size} bytes)");
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(VerifiedBlobPath(layoutDirectory, descriptor)), type)
                ?? throw new ImageException($"{what} {descriptor.Digest} is empty");
        }
        catch (JsonException e)
        {
            throw new ImageException($"{what} {descriptor.Digest} is not valid JSON: {e.Message}", e);
        }
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
