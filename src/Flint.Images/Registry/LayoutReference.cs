using System.Text.RegularExpressions;

namespace Flint.Images.Registry;

/// <summary>
/// An image in an OCI layout directory on this host, named by tag: <c>oci:/path/to/layout:tag</c>, as
/// skopeo's <c>oci:</c> transport writes it (the tag is the manifest's
/// <c>org.opencontainers.image.ref.name</c> in the layout's <c>index.json</c>). The path is absolute and
/// holds no ':', since skopeo splits at the first one.
/// </summary>
public sealed partial record LayoutReference
{
    public const string Prefix = "oci:";

    private LayoutReference(string path, string tag)
    {
        Path = path;
        Tag = tag;
    }

    /// <summary>The layout directory.</summary>
    public string Path { get; }

    public string Tag { get; }

    /// <summary>The reference in skopeo's transport syntax.</summary>
    public string Transport => $"{Prefix}{Path}:{Tag}";

    /// <summary>Whether <paramref name="text"/> names the <c>oci:</c> transport at all (well formed or not).</summary>
    public static bool IsLayout(string text) => text.StartsWith(Prefix, StringComparison.Ordinal);

    public static bool TryParse(string text, out LayoutReference reference)
    {
        reference = null!;
        var match = Pattern().Match(text);
        if (!match.Success || !System.IO.Path.IsPathFullyQualified(match.Groups["path"].Value))
        {
            return false;
        }

        reference = new LayoutReference(match.Groups["path"].Value, match.Groups["tag"].Value);
        return true;
    }

    public override string ToString() => Transport;

    [GeneratedRegex(@"^oci:(?<path>/[^:\0]*):(?<tag>[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
