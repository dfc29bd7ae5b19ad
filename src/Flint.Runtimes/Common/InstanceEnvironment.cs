using System.Globalization;

namespace Flint.Runtimes.Common;

/// <summary>The environment an instance starts with, the same under every runtime.</summary>
public static class InstanceEnvironment
{
    /// <summary>The loopback address instances are told to listen on.</summary>
    public const string LoopbackHost = "127.0.0.1";

    /// <summary>
    /// The image's variables, then the deploy spec's, then <c>PORT</c> and <c>HOST</c>. Instances share
    /// the host's network, so <c>HOST</c> keeps them off every interface but loopback (functions that
    /// ignore it and bind 0.0.0.0 still work; the gateway only ever forwards to 127.0.0.1).
    /// </summary>
    public static IReadOnlyDictionary<string, string> For(InstanceSpec spec, int port)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in spec.Image.EnvironmentPairs().Concat(spec.Environment))
        {
            variables[name] = value;
        }

        variables["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        variables["HOST"] = LoopbackHost;
        return variables;
    }

    /// <summary>
    /// As <see cref="For(InstanceSpec, int)"/>, for an instance that receives its listening socket
    /// as descriptor 3: adds <c>LISTEN_FDS=1</c>, and <c>LISTEN_PID</c> when the pid is known in
    /// advance (1 for a container's entrypoint; otherwise a launcher sets it just before exec).
    /// <c>PORT</c> still names the socket's port, for functions that want to print it.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ForSocketActivation(InstanceSpec spec, InstanceListener listener, int? listenPid)
    {
        ArgumentNullException.ThrowIfNull(listener);
        var variables = new Dictionary<string, string>(For(spec, listener.Port), StringComparer.Ordinal)
        {
            ["LISTEN_FDS"] = "1",
        };
        variables.Remove("LISTEN_PID");
        variables.Remove("LISTEN_FDNAMES");
        if (listenPid is { } pid)
        {
            variables["LISTEN_PID"] = pid.ToString(CultureInfo.InvariantCulture);
        }

        return variables;
    }
}
