namespace Flint.Runtimes.Process;

/// <summary>
/// The exec chain a function process starts through: <c>setpriv --pdeathsig KILL</c> (util-linux)
/// ties it to the thread that spawned it, so a gateway killed outright takes its instances with it;
/// <c>/bin/sh</c> sets <c>LISTEN_PID</c> to its own pid and execs the function, which keeps that pid.
/// Both exec in place: the function ends up with the pid the host spawned.
/// </summary>
internal sealed class ProcessLauncher
{
    private const string SetListenPid = "LISTEN_PID=$$; export LISTEN_PID; exec \"$0\"";
    private readonly string _setpriv;
    private readonly string _shell;

    private ProcessLauncher(string setpriv, string shell)
    {
        _setpriv = setpriv;
        _shell = shell;
    }

    /// <summary>The launcher, or null when this host lacks <c>setpriv</c> or <c>sh</c>.</summary>
    public static ProcessLauncher? Find() =>
        Oci.HostPath.Find("setpriv") is { } setpriv && Oci.HostPath.Find("sh") is { } shell ? new ProcessLauncher(setpriv, shell) : null;

    public IReadOnlyList<string> Arguments(string executable) =>
        [_setpriv, "--pdeathsig", "KILL", "--", _shell, "-c", SetListenPid, executable];
}
