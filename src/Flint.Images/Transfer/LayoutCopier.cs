using System.Security.Cryptography;
using System.Text.Json;
using Flint.Images.Oci;

namespace Flint.Images.Transfer;

/// <summary>
/// Copies one image out of an OCI layout into a new layout holding exactly it: <c>oci-layout</c>,
/// an <c>index.json</c> naming its manifest, and the manifest, config and layer blobs. Each copy,
/// not the source, is checked against its descriptor's size and digest, so a source that changes
/// meanwhile can never change what was stored. Symbolic links in the source are refused. Messages
/// name blobs and layout files, never the directories involved.
/// </summary>
public static class LayoutCopier
{
    private const long MaxJsonBytes = 4 * 1024 * 1024;

    /// <summary>Copies the image; returns its manifest digest.</summary>
    public static string Copy(string sourceLayout, string targetLayout)
    {
        RefuseLink(sourceLayout, "blobs");
        RefuseLink(sourceLayout, LayoutTarNames.BlobFolder);
        Directory.CreateDirectory(Path.Combine(targetLayout, LayoutTarNames.BlobFolder));
        var index = Parse(ReadSmall(sourceLayout, LayoutTarNames.IndexFile), OciJsonContext.Default.OciIndex, LayoutTarNames.IndexFile);
        if (index.Manifests is not [var manifestDescriptor])
        {
            throw new ImageException($"the layout must hold exactly one image manifest, found {index.Manifests?.Count ?? 0}");
        }

        var manifest = Parse(CopyJsonBlob(sourceLayout, targetLayout, manifestDescriptor), OciJsonContext.Default.OciManifest, $"manifest {manifestDescriptor.Digest}");
        if (manifest.Config is null || manifest.Layers is null)
        {
            throw new ImageException($"manifest {manifestDescriptor.Digest} names no config or no layers");
        }

        CopyJsonBlob(sourceLayout, targetLayout, manifest.Config);
        foreach (var layer in manifest.Layers)
        {
            CopyBlob(sourceLayout, targetLayout, layer);
        }

        File.WriteAllBytes(
            Path.Combine(targetLayout, LayoutTarNames.IndexFile),
            JsonSerializer.SerializeToUtf8Bytes(new OciIndex(2, OciMediaTypes.Index, [manifestDescriptor]), OciJsonContext.Default.OciIndex));
        File.WriteAllBytes(
            Path.Combine(targetLayout, LayoutTarNames.LayoutFile),
            JsonSerializer.SerializeToUtf8Bytes(new OciLayoutFile("1.0.0"), OciJsonContext.Default.OciLayoutFile));
        return manifestDescriptor.Digest;
    }

    private static byte[] CopyJsonBlob(string source, string target, OciDescriptor descriptor)
    {
        RefuseNoDigest(descriptor);
        if (descriptor.Size is < 0 or > MaxJsonBytes)
        {
            throw new ImageException($"blob {descriptor.Digest} is too large for a JSON document ({descriptor.Size} bytes)");
        }

        return File.ReadAllBytes(CopyBlob(source, target, descriptor));
    }

    /// <summary>Copies one blob, reading at most one byte more than its descriptor says, and checks the copy.</summary>
    private static string CopyBlob(string source, string target, OciDescriptor descriptor)
    {
        RefuseNoDigest(descriptor);
        var name = LayoutTarNames.Blob(descriptor.Digest);
        var from = Path.Combine(source, name);
        if (!File.Exists(from))
        {
            throw new ImageException($"blob {descriptor.Digest} is missing from the layout");
        }

        RefuseLink(source, name);
        var to = Path.Combine(target, name);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long copied = 0;
        using (var input = File.OpenRead(from))
        using (var output = new FileStream(to, FileMode.Create, FileAccess.Write))
        {
            var buffer = new byte[81920];
            int read;
            while (copied <= descriptor.Size && (read = input.Read(buffer, 0, (int)Math.Min(buffer.Length, descriptor.Size + 1 - copied))) > 0)
            {
                hash.AppendData(buffer, 0, read);
                output.Write(buffer, 0, read);
                copied += read;
            }
        }

        if (copied != descriptor.Size)
        {
            throw new ImageException($"blob {descriptor.Digest} is {(copied > descriptor.Size ? "larger than" : $"{copied} bytes, not")} the {descriptor.Size} bytes its descriptor says");
        }

        var actual = "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
        return actual == descriptor.Digest
            ? to
            : throw new ImageException($"blob {descriptor.Digest} does not match its content (it hashes to {actual})");
    }

    /// <summary>JSON may leave out what the record declares non-null: a null descriptor, or one without digest.</summary>
    private static void RefuseNoDigest(OciDescriptor? descriptor)
    {
        if (descriptor?.Digest is null)
        {
            throw new ImageException("a descriptor in the layout is null or has no digest");
        }
    }

    private static byte[] ReadSmall(string layout, string name)
    {
        var path = Path.Combine(layout, name);
        if (!File.Exists(path))
        {
            throw new ImageException($"the layout has no {name}");
        }

        RefuseLink(layout, name);
        using var file = File.OpenRead(path);
        if (file.Length > MaxJsonBytes)
        {
            throw new ImageException($"{name} is larger than {MaxJsonBytes} bytes");
        }

        var content = new byte[file.Length];
        file.ReadExactly(content);
        return content;
    }

    private static T Parse<T>(byte[] json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw new ImageException($"{what} is empty");
        }
        catch (JsonException e)
        {
            throw new ImageException($"{what} is not valid JSON: {e.Message}", e);
        }
    }

    private static void RefuseLink(string layout, string name)
    {
        if (new FileInfo(Path.Combine(layout, name)).LinkTarget is not null)
        {
            throw new ImageException($"{name} in the layout is a symbolic link; images are read from regular files only");
        }
    }
}
