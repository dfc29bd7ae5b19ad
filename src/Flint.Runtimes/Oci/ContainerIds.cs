using System.Security.Cryptography;
using System.Text;

namespace Flint.Runtimes.Oci;

/// <summary>Container ids and names: the function's name (made safe) plus a random suffix.</summary>
internal static class ContainerIds
{
    private const int MaxNameLength = 40;

    public static string New(string functionName)
    {
        var name = new StringBuilder(MaxNameLength);
        foreach (var c in functionName.ToLowerInvariant())
        {
            if (name.Length == MaxNameLength)
            {
                break;
            }

            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        }

        return $"flint-{name}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
    }
}
