using System.Security.Cryptography;
using System.Text;

namespace Flint.Runtimes.Oci;

/// <summary>Container ids and names: the function's name (made safe) plus a random suffix.</summary>
internal static class ContainerIds
{
    private const int MaxNameLength = 40;

    public static string New(string functionName) =>
        $"flint-{SafeName(functionName)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";

    /// <summary>The function's name in lower case, cut to 40 characters, anything but [a-z0-9_-] as '-'.</summary>
    public static string SafeName(string functionName)
    {
        var name = new StringBuilder(MaxNameLength);
        foreach (var c in functionName.ToLowerInvariant().Take(MaxNameLength))
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        }

        return name.ToString();
    }
}
