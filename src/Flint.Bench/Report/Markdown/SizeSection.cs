using System.Text;
using Flint.Bench.Sizes;

namespace Flint.Bench.Report.Markdown;

/// <summary>The image sizes, each runtime's host footprint and the optional typical-container row.</summary>
internal static class SizeSection
{
    public static void AppendTo(StringBuilder md, SizeReport? sizes)
    {
        md.Append("## Sizes\n\n");
        if (sizes is null)
        {
            md.Append("Not measured.\n\n");
            return;
        }

        var image = new MarkdownTable("what", "bytes", "MiB");
        if (sizes.Image is { } i)
        {
            AddBytes(image, "function executable (static ELF)", i.ExecutableBytes);
            AddBytes(image, "OCI layer, compressed (gzip)", i.LayerCompressedBytes);
            AddBytes(image, "OCI layer, uncompressed (tar)", i.LayerUncompressedBytes);
            AddBytes(image, "rootfs (unpacked layer)", i.RootfsBytes);
        }
        else
        {
            image.AddRow("function image", null, $"not measured: {sizes.ImageError}");
        }

        image.AppendTo(md);
        md.Append("### Host footprint per runtime\n\nWhat each runtime needs installed besides the function (binaries found on PATH).\n\n");
        var footprint = new MarkdownTable("runtime", "MiB", "files", "missing", "note");
        foreach (var f in sizes.Footprints)
        {
            footprint.AddRow(f.Runtime, Units.Mib(f.FoundBytes), string.Join(", ", f.Binaries.Where(b => b.Found).Select(b => $"{b.Name} {Units.Mib(b.Bytes)}")),
                string.Join(", ", f.Missing), f.Note);
        }

        footprint.AppendTo(md);
        AppendTypical(md, sizes.TypicalContainer);
        md.Append($"![Sizes]({ReportFiles.SizeChart})\n\n");
    }

    private static void AppendTypical(StringBuilder md, TypicalContainerSize? typical)
    {
        md.Append("### Comparison: a typical .NET container\n\n");
        if (typical is null)
        {
            md.Append("Not measured (optional, slow; never in quick mode).\n\n");
            return;
        }

        md.Append("A slim Debian rootfs, the shared .NET runtime and a framework-dependent publish of the same function.")
          .Append(typical.IsComplete ? "\n\n" : " **Incomplete**: the total leaves out what is missing.\n\n");
        var table = new MarkdownTable("part", "bytes", "MiB");
        foreach (var part in typical.Parts)
        {
            AddBytes(table, part.Name, part.Bytes);
        }

        foreach (var missing in typical.Missing)
        {
            table.AddRow($"missing: {missing}", null, null);
        }

        AddBytes(table, typical.IsComplete ? "total" : "total (incomplete)", typical.TotalBytes);
        table.AppendTo(md);
    }

    private static void AddBytes(MarkdownTable table, string what, long bytes) => table.AddRow(what, Units.Number(bytes), Units.Mib(bytes));
}
