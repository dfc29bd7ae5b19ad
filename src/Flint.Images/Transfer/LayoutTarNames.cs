using System.Buffers;
using Flint.Images.Oci;

namespace Flint.Images.Transfer;

/// <summary>The only names an uploaded image layout may hold, and how an entry's name is checked.</summary>
public static class LayoutTarNames
{
    public const string LayoutFile = "oci-layout";
    public const string IndexFile = "index.json";
    public const string BlobFolder = "blobs/sha256";

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    public static string Blob(string digest) => $"{BlobFolder}/{Digest.Hex(digest)}";

    /// <summary>
    /// The entry's name without <c>./</c> or empty segments, or why it is refused: an absolute path,
    /// a <c>..</c> segment, or a name no OCI layout file has.
    /// </summary>
    public static (string? Name, string? Problem) Check(string name, bool directory)
    {
        if (name.StartsWith('/'))
        {
            return (null, $"tar entry '{name}' is an absolute path");
        }

        var segments = name.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Contains(".."))
        {
            return (null, $"tar entry '{name}' has a '..' segment");
        }

        var clean = string.Join('/', segments.Where(s => s != "."));
        var known = directory
            ? clean is "" or "blobs" or BlobFolder
            : clean is LayoutFile or IndexFile || IsBlob(clean);
        return known
            ? (clean, null)
            : (null, $"tar entry '{name}' is not part of an OCI image layout (only {LayoutFile}, {IndexFile} and {BlobFolder}/<hex digest>)");
    }

    /// <summary>The digest a blob entry's name claims, <c>sha256:&lt;hex&gt;</c>.</summary>
    public static string DigestOf(string cleanBlobName) => "sha256:" + cleanBlobName[(BlobFolder.Length + 1)..];

    public static bool IsBlob(string clean) =>
        clean.StartsWith(BlobFolder + "/", StringComparison.Ordinal)
        && clean.Length == BlobFolder.Length + 1 + 64
        && !clean.AsSpan(BlobFolder.Length + 1).ContainsAnyExcept(LowerHex);
}
