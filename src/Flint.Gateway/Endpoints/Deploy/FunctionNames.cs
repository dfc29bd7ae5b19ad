using System.Text.RegularExpressions;

namespace Flint.Gateway.Endpoints.Deploy;

/// <summary>Function names are DNS labels: they appear in URLs, instance ids and resource names.</summary>
internal static partial class FunctionNames
{
    public static bool IsValid(string name) => Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex Pattern();
}
