using System.Runtime.InteropServices;
using Flint.Interop.Libc;
using Flint.Oci.Bundle;
using Flint.Oci.Cli;

namespace Flint.Oci.Sandbox;

/// <summary>
/// Puts the calling thread in the container's network namespace, so that the monitor process it then starts (and
/// every host socket that monitor makes for the guest) lives there: pod networking works unchanged. Joining a
/// namespace by path is what the CRI asks; a new namespace gets its loopback interface up, as runc does.
/// </summary>
internal static class NetworkNamespace
{
    /// <exception cref="OciException">The namespace could not be joined or made.</exception>
    public static void EnterOnThisThread(NetworkNamespaceRequest request)
    {
        if (request.Path is { } path)
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
            if (Sched.setns((int)handle.DangerousGetHandle(), Sched.CLONE_NEWNET) != 0)
            {
                throw new OciException($"could not join the network namespace {path}: {Errno.Name(Marshal.GetLastPInvokeError())}");
            }
        }
        else if (request.New)
        {
            if (Sched.unshare(Sched.CLONE_NEWNET) != 0)
            {
                throw new OciException($"could not create a network namespace: {Errno.Name(Marshal.GetLastPInvokeError())}");
            }

            LoopbackUp();
        }
    }

    private static unsafe void LoopbackUp()
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        var request = default(ifreq_flags);
        "lo"u8.CopyTo(new Span<byte>(request.ifr_name, ifreq_flags.IFNAMSIZ));
        var fd = (int)socket.Handle;
        if (Ioctl.ioctl(fd, ifreq_flags.SIOCGIFFLAGS, &request) != 0)
        {
            throw new OciException($"could not read the loopback interface's flags: {Errno.Name(Marshal.GetLastPInvokeError())}");
        }

        request.ifr_flags |= ifreq_flags.IFF_UP;
        if (Ioctl.ioctl(fd, ifreq_flags.SIOCSIFFLAGS, &request) != 0)
        {
            throw new OciException($"could not bring the loopback interface up: {Errno.Name(Marshal.GetLastPInvokeError())}");
        }
    }
}
