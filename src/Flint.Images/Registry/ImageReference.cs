using System.Text.RegularExpressions;

namespace Flint.Images.Registry;

/// <summary>
/// An image in an OCI registry, named with an explicit registry host:
/// <c>registry[:port]/repository[:tag][@sha256:digest]</c> (<c>localhost:5000/hello:latest</c>).
/// A name without a host (<c>hello:latest</c>) is refused rather than guessed at.
/// </summary>
public sealed partial record ImageReference
{
    private ImageReference(string text, string registry, string? digest)
    {
        Text = text;
        Registry = registry;
        Digest = digest;
    }

    /// <summary>The reference as written.</summary>
    public string Text { get; }

    /// <summary>The registry's host, with its port if one was given.</summary>
    public string Registry { get; }

    /// <summary>The manifest digest the reference pins (<c>sha256:...</c>), or null for a tag.</summary>
    public string? Digest { get; }

    /// <summary>A registry on this host, spoken to over plain HTTP (TLS is not checked for it, and only for it).</summary>
    public bool IsLocal
    {
        get
        {
            var colon = Registry.LastIndexOf(':');
            var host = colon > 0 && !Registry.EndsWith(']') ? Registry[..colon] : Registry;
            return host is "localhost" or "127.0.0.1" or "[::1]";
        }
    }

    /// <summary>The reference in skopeo's transport syntax.</summary>
    public string Transport => "docker://" + Text;

    public static bool TryParse(string text, out ImageReference reference)
    {
        reference = null!;
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        reference = new ImageReference(text, match.Groups["registry"].Value, match.Groups["digest"].Success ? match.Groups["digest"].Value : null);
        return true;
    }

    public override string ToString() => Text;

    // The registry needs a '.', a port or the name localhost, so that it cannot be read as a repository;
    // repository components and tags as the OCI distribution spec allows them.
    [GeneratedRegex(
        @"^(?<registry>(?:localhost|\[::1\]|[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)+|[a-zA-Z0-9-]+(?=:[0-9]))(?::[0-9]{1,5})?)" +
        @"(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)+" +
        @"(?::[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127})?" +
        @"(?:@(?<digest>sha256:[a-f0-9]{64}))?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
