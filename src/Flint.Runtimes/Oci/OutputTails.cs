using Flint.Runtimes.Common;

namespace Flint.Runtimes.Oci;

/// <summary>A container's last stdout and stderr lines, labelled, for a failed start's message.</summary>
internal static class OutputTails
{
    public static string Format(OutputPump stdout, OutputPump stderr) =>
        string.Join('\n', new[] { ("stdout", stdout.Tail()), ("stderr", stderr.Tail()) }
            .Where(p => p.Item2.Length > 0)
            .Select(p => $"{p.Item1}:\n{p.Item2}"));
}
