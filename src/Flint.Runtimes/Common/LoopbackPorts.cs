using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Flint.Runtimes.Common;

/// <summary>
/// Leases loopback ports to instances that cannot be handed a socket (a Docker container binds its
/// own). A leased port is never leased again until its lease is disposed, and it stays bound by the
/// host until <see cref="PortLease.Handoff"/>, just before the instance binds it. Runtimes that can
/// take a socket use <see cref="InstanceListener"/> instead, which leaves no window at all.
/// </summary>
public static class LoopbackPorts
{
    private static readonly ConcurrentDictionary<int, byte> Leased = new();

    public static PortLease Lease()
    {
        var refused = new List<Socket>();
        try
        {
            while (true)
            {
                var holder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                var port = ((IPEndPoint)holder.LocalEndPoint!).Port;
                if (Leased.TryAdd(port, 0))
                {
                    return new PortLease(port, holder, () => Leased.TryRemove(port, out _));
                }

                // Still leased to a live instance: keep it bound so the kernel offers another.
                refused.Add(holder);
            }
        }
        finally
        {
            foreach (var socket in refused)
            {
                socket.Dispose();
            }
        }
    }

    /// <summary>Whether a port is leased now.</summary>
    public static bool IsLeased(int port) => Leased.ContainsKey(port);
}
