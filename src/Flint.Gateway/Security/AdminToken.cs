using System.Security.Cryptography;
using System.Text;

namespace Flint.Gateway.Security;

/// <summary>
/// The management API's secret. Kept only as its SHA-256 so that checking a presented token takes
/// the same time whatever its length or how much of it matches.
/// </summary>
public sealed class AdminToken
{
    /// <summary>Shortest token accepted when one is given (a generated one is 64 characters).</summary>
    public const int MinimumLength = 16;

    /// <summary>Longest token accepted: it travels in a header.</summary>
    public const int MaximumLength = 1024;

    private const int GeneratedBytes = 32;
    private readonly byte[] _hash;

    private AdminToken(string text)
    {
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>A fresh random token: 256 bits as 64 lowercase hex characters.</summary>
    public static string Generate() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(GeneratedBytes));

    /// <summary>Why <paramref name="text"/> cannot be a token, or null when it can.</summary>
    public static string? Problem(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "the admin token is empty";
        }

        if (text.Length is < MinimumLength or > MaximumLength)
        {
            return $"the admin token must be {MinimumLength} to {MaximumLength} characters long";
        }

        return text.Any(c => c is < '!' or > '~')
            ? "the admin token must be printable ASCII without spaces"
            : null;
    }

    public static AdminToken From(string text) =>
        Problem(text) is { } problem ? throw new ArgumentException(problem, nameof(text)) : new AdminToken(text);

    /// <summary>Whether <paramref name="presented"/> is the token, in time independent of its content.</summary>
    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _hash);
}
