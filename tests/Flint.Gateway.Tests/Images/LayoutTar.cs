using System.Formats.Tar;
using System.Net.Http.Headers;
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

    public static PaxTarEntry File(string name, byte[] content) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) };

    public static ByteArrayContent Body(byte[] tar)
    {
        var content = new ByteArrayContent(tar);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        return content;
    }
}
