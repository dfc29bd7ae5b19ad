using System.Globalization;

namespace Flint.Runtimes.Oci;

/// <summary>
/// Reads which signals a process has handlers for (<c>SigCgt</c> in <c>/proc/&lt;pid&gt;/status</c>).
/// A container's entrypoint is its pid namespace's init, and the kernel drops signals init does not
/// handle: sending SIGTERM to an entrypoint without a handler would only waste the grace period.
/// </summary>
internal static class SignalDisposition
{
    private const int Sigterm = 15;

    /// <summary>True when the process handles SIGTERM, or when that cannot be read (it may still).</summary>
    public static bool HandlesSigterm(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("SigCgt:", StringComparison.Ordinal))
                {
                    var mask = ulong.Parse(line.AsSpan("SigCgt:".Length).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    return (mask & (1UL << (Sigterm - 1))) != 0;
                }
            }
        }
        catch (IOException)
        {
        }

        return true;
    }
}
