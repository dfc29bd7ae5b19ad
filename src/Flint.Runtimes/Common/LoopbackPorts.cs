using System.Net;
using System.Net.Sockets;

namespace Flint.Runtimes.Common;

/// <summary>Hands out free TCP ports on 127.0.0.1 for instances to listen on.</summary>
public static class LoopbackPorts
{
    /// <summary>
    /// A port the kernel reports free right now. Another process could take it before the instance
    /// binds; the instance then fails its start with a clear error rather than talking to a stranger.
    /// </summary>
    public static int Reserve()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
