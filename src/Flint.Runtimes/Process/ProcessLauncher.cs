using System.Globalization;

namespace Flint.Runtimes.Process;

/// <summary>
/// The exec chain a function process starts through. Normally <c>flint-exec</c> (built and installed by
/// scripts/setup.sh from <c>src/flint-exec</c>): it joins the instance's cgroup, drops to the instance's
/// uid and gid, ties itself to the thread that spawned it (<c>PR_SET_PDEATHSIG</c>), sets
/// <c>PR_SET_NO_NEW_PRIVS</c> and <c>LISTEN_PID</c>, installs its seccomp filter and execs the function in
/// place, keeping the pid the host spawned. A gateway that is not root cannot change uid or create
/// cgroups: then the helper does the rest. Without the helper, <c>setpriv --pdeathsig KILL</c> and
/// <c>/bin/sh</c> start the function with the gateway's own privileges.
/// <see cref="Limitation"/> says which of these applies whenever it is not the first.
/// </summary>
internal sealed class ProcessLauncher
{
    /// <summary>Where scripts/setup.sh installs the helper.</summary>
    public const string HelperPath = "/usr/local/libexec/flint/flint-exec";

    private const string SetListenPid = "LISTEN_PID=$$; export LISTEN_PID; exec \"$0\"";
    private readonly string? _helper;
    private readonly string? _setpriv;
    private readonly string? _shell;

    private ProcessLauncher(string? helper, string? setpriv, string? shell, bool privileged)
    {
        _helper = helper;
        _setpriv = setpriv;
        _shell = shell;
        IsPrivileged = helper is not null && privileged;
        Limitation = (helper, privileged) switch
        {
            (null, _) => $"{HelperPath} is missing (scripts/setup.sh builds it): functions run with the gateway's own user and privileges, no seccomp filter and no cgroup limits",
            (_, false) => "the gateway is not root: functions run as its user, with no-new-privs and the seccomp filter but no cgroup limits",
            _ => null,
        };
    }

    /// <summary>
    /// Whether a start can be held: spawned with its sandbox entered, the function's exec waiting for a go
    /// (<c>flint-exec --hold</c>). The fallback chain cannot.
    /// </summary>
    public bool CanHold => _helper is not null;

    /// <summary>Whether each instance gets its own uid and cgroup.</summary>
    public bool IsPrivileged { get; }

    /// <summary>What this host's process instances go without, or null when nothing.</summary>
    public string? Limitation { get; }

    /// <summary>The launcher, or null when this host has neither the helper nor <c>setpriv</c> and <c>sh</c>.</summary>
    public static ProcessLauncher? Find()
    {
        var helper = File.Exists(HelperPath) ? HelperPath : null;
        var setpriv = Oci.HostPath.Find("setpriv");
        var shell = Oci.HostPath.Find("sh");
        return helper is null && (setpriv is null || shell is null) ? null : new ProcessLauncher(helper, setpriv, shell, Environment.IsPrivilegedProcess);
    }

    /// <summary>
    /// The argument vector that starts <paramref name="executable"/> inside <paramref name="sandbox"/>; with
    /// <paramref name="hold"/> (only where <see cref="CanHold"/>), the exec waits for a byte on stdin.
    /// </summary>
    public IReadOnlyList<string> Arguments(string executable, ProcessSandbox sandbox, bool hold = false)
    {
        if (_helper is null)
        {
            return [_setpriv!, "--pdeathsig", "KILL", "--", _shell!, "-c", SetListenPid, executable];
        }

        var arguments = new List<string> { _helper };
        if (sandbox.Uid is { } uid)
        {
            var id = uid.ToString(CultureInfo.InvariantCulture);
            arguments.AddRange(["--uid", id, "--gid", id]);
        }

        foreach (var directory in sandbox.Cgroup?.Directories ?? [])
        {
            arguments.AddRange(["--cgroup", directory]);
        }

        if (hold)
        {
            arguments.Add("--hold");
        }

        arguments.AddRange(["--", executable]);
        return arguments;
    }
}
