using System.Buffers;
using System.Security.Cryptography;

namespace Flint.Images.Oci;

/// <summary>sha256 content digests in the OCI form <c>sha256:&lt;hex&gt;</c>.</summary>
public static class Digest
{
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    public static string Of(ReadOnlySpan<byte> content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The hex part of a digest, after checking it is a well-formed sha256 digest (no path tricks).</summary>
    public static string Hex(string digest)
    {
        if (!digest.StartsWith("sha256:", StringComparison.Ordinal) || digest.Length != 71
            || digest.AsSpan(7).ContainsAnyExcept(LowerHex))
        {
            throw new ImageException($"not a sha256 digest: '{digest}'");
        }

        return digest[7..];
    }
}
