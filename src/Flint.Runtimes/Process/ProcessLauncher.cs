using System.Globalization;

namespace Flint.Runtimes.Process;

/// <summary>
/// The exec chain a function process starts through. Preferably <c>flint-launch</c>, a small static
/// program built with Flint and shipped next to it: in one exec it asks for SIGKILL when the thread
/// that spawned it exits (<c>PR_SET_PDEATHSIG</c>), so a gateway killed outright takes its instances
/// with it, sets <c>LISTEN_PID</c> to its own pid, and execs the function, which keeps that pid. Where
/// it was not built (no C compiler), <c>setpriv --pdeathsig KILL</c> (util-linux) and <c>/bin/sh</c>
/// do the same in two execs of dynamically linked programs, several times slower to start.
/// </summary>
internal sealed class ProcessLauncher
{
    /// <summary>The launcher's file name, next to this assembly.</summary>
    public const string BuiltLauncher = "flint-launch";

    private const string SetListenPid = "LISTEN_PID=$$; export LISTEN_PID; exec \"$0\"";
    private readonly IReadOnlyList<string> _prefix;

    private ProcessLauncher(IReadOnlyList<string> prefix)
    {
        _prefix = prefix;
    }

    /// <summary>The built launcher, else <c>setpriv</c> and <c>sh</c>; null when this host has neither.</summary>
    public static ProcessLauncher? Find() =>
        Path.Combine(AppContext.BaseDirectory, BuiltLauncher) is var built && File.Exists(built)
            ? new ProcessLauncher([built, Environment.ProcessId.ToString(CultureInfo.InvariantCulture)])
            : Oci.HostPath.Find("setpriv") is { } setpriv && Oci.HostPath.Find("sh") is { } shell
                ? new ProcessLauncher([setpriv, "--pdeathsig", "KILL", "--", shell, "-c", SetListenPid])
                : null;

    /// <summary>The program the chain starts with (the built launcher, or <c>setpriv</c>).</summary>
    public string Program => _prefix[0];

    public IReadOnlyList<string> Arguments(string executable) => [.. _prefix, executable];
}
