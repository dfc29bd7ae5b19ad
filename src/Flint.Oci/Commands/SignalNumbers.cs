using System.Globalization;
using Flint.Oci.Cli;

namespace Flint.Oci.Commands;

/// <summary>The signals <c>kill</c> accepts, by number or name (<c>9</c>, <c>KILL</c>, <c>SIGKILL</c>), with x86-64 Linux's numbers.</summary>
internal static class SignalNumbers
{
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    private static readonly string[] Names =
    [
        "", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM",
        "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
    ];

    /// <exception cref="OciException">Not a signal number from 1 to 64 or a known name.</exception>
    public static int Parse(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number is >= 1 and <= 64 ? number : throw new OciException($"invalid signal {text}: numbers go from 1 to 64");
        }

        var name = text.ToUpperInvariant();
        name = name.StartsWith("SIG", StringComparison.Ordinal) ? name[3..] : name;
        var index = Array.IndexOf(Names, name);
        return index > 0 ? index : throw new OciException($"unknown signal \"{text}\"");
    }
}
