using Flint.Cli.Client;

namespace Flint.Cli.Commands;

/// <summary>
/// The environment <c>flint vm run</c> gives a guest: the platform's <c>PATH=/</c>, as function images set it, and
/// the <c>--env</c> pairs on top. Nothing of the host's environment reaches the guest.
/// </summary>
internal static class VmEnvironment
{
    public static IReadOnlyList<string> Platform { get; } = ["PATH=/"];

    /// <summary>The platform's variables, each replaced by a pair of the same name; new names follow in order.</summary>
    public static IReadOnlyList<string> Build(IEnumerable<string> pairs)
    {
        var entries = Platform.ToList();
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || pair.Contains('\0', StringComparison.Ordinal))
            {
                throw new CliException($"--env '{pair}' is not K=V");
            }

            var prefix = pair[..(equals + 1)];
            var existing = entries.FindIndex(e => e.StartsWith(prefix, StringComparison.Ordinal));
            if (existing >= 0)
            {
                entries[existing] = pair;
            }
            else
            {
                entries.Add(pair);
            }
        }

        return entries;
    }
}
