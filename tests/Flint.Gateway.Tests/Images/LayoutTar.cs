using System.Formats.Tar;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Flint.Images;
using Flint.Images.Transfer;

namespace Flint.Gateway.Tests.Images;

/// <summary>Upload bodies: a real image as the CLI sends it, or hand-made tar streams.</summary>
internal static class LayoutTar
{
    public static async Task<byte[]> OfAsync(string imageDirectory)
    {
        using var output = new MemoryStream();
        await LayoutTarWriter.WriteAsync(FunctionImage.Load(imageDirectory), output, TestContext.Current.CancellationToken);
        return output.ToArray();
    }

    /// <summary>A tar of the given entries, written as they are (no checks).</summary>
    public static byte[] Of(params TarEntry[] entries)
    {
        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                writer.WriteEntry(entry);
            }
        }

        return output.ToArray();
    }

    /// <summary>
    /// The image's layout with its one layer swapped for <paramref name="layer"/>: a new layer blob, and the
    /// manifest and index rewritten to name it, so every digest and size is right and only the layer is wrong.
    /// </summary>
    public static byte[] WithLayer(FunctionImage image, byte[] layer)
    {
        var blobs = Path.Combine(image.LayoutDirectory, "blobs", "sha256");
        var manifest = JsonNode.Parse(System.IO.File.ReadAllBytes(Path.Combine(blobs, image.ManifestDigest[7..])))!;
        var layerDigest = Sha256(layer);
        manifest["layers"]![0]!["digest"] = layerDigest;
        manifest["layers"]![0]!["size"] = layer.Length;
        var manifestBytes = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        var index = JsonNode.Parse(System.IO.File.ReadAllBytes(Path.Combine(image.LayoutDirectory, "index.json")))!;
        index["manifests"]![0]!["digest"] = Sha256(manifestBytes);
        index["manifests"]![0]!["size"] = manifestBytes.Length;
        var config = manifest["config"]!["digest"]!.GetValue<string>();
        return Of(
            File("oci-layout", System.IO.File.ReadAllBytes(Path.Combine(image.LayoutDirectory, "oci-layout"))),
            File("index.json", Encoding.UTF8.GetBytes(index.ToJsonString())),
            File($"blobs/sha256/{Sha256(manifestBytes)[7..]}", manifestBytes),
            File($"blobs/sha256/{config[7..]}", System.IO.File.ReadAllBytes(Path.Combine(blobs, config[7..]))),
            File($"blobs/sha256/{layerDigest[7..]}", layer));
    }

    public static PaxTarEntry File(string name, byte[] content) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) };

    private static string Sha256(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    public static ByteArrayContent Body(byte[] tar)
    {
        var content = new ByteArrayContent(tar);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        return content;
    }
}
