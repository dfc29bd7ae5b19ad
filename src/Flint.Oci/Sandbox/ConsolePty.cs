using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Flint.Interop.Libc;
using Flint.Oci.Cli;

namespace Flint.Oci.Sandbox;

/// <summary>
/// The console of a container whose <c>process.terminal</c> is set: a pseudo-terminal whose slave becomes the
/// guest's standard output and error (the monitor opens it by path), and whose master goes to the caller's
/// <c>--console-socket</c> as runc sends it: one SCM_RIGHTS message over a Unix stream socket.
/// </summary>
internal sealed unsafe class ConsolePty : IDisposable
{
    private int _master;

    private ConsolePty(int master, string slavePath)
    {
        _master = master;
        SlavePath = slavePath;
    }

    public string SlavePath { get; }

    /// <exception cref="OciException">No pseudo-terminal could be allocated.</exception>
    public static ConsolePty Open()
    {
        var master = Pty.posix_openpt(Fcntl.O_RDWR | Pty.O_NOCTTY | Fcntl.O_CLOEXEC);
        if (master < 0)
        {
            throw new OciException($"could not allocate a console: posix_openpt: {Errno.Name(Marshal.GetLastPInvokeError())}");
        }

        var name = stackalloc byte[128];
        if (Pty.grantpt(master) != 0 || Pty.unlockpt(master) != 0 || Pty.ptsname_r(master, name, 128) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            _ = Unistd.close(master);
            throw new OciException($"could not allocate a console: {Errno.Name(errno)}");
        }

        return new ConsolePty(master, Marshal.PtrToStringUTF8((nint)name)!);
    }

    /// <summary>Hands the master to whoever listens on <paramref name="consoleSocket"/> (containerd's shim).</summary>
    /// <exception cref="OciException">The socket does not accept it.</exception>
    public void SendMaster(string consoleSocket)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(consoleSocket));
        }
        catch (SocketException e)
        {
            throw new OciException($"could not connect to the console socket {consoleSocket}: {e.SocketErrorCode}", e);
        }

        var name = Encoding.UTF8.GetBytes("/dev/ptmx");
        var control = stackalloc byte[SocketMessages.RightsSpace];
        new Span<byte>(control, SocketMessages.RightsSpace).Clear();
        var header = (cmsghdr*)control;
        header->cmsg_len = SocketMessages.RightsLength;
        header->cmsg_level = SocketMessages.SOL_SOCKET;
        header->cmsg_type = SocketMessages.SCM_RIGHTS;
        *(int*)(control + sizeof(cmsghdr)) = _master;
        fixed (byte* data = name)
        {
            var vector = new iovec { iov_base = data, iov_len = (nuint)name.Length };
            var message = new msghdr { msg_iov = &vector, msg_iovlen = 1, msg_control = control, msg_controllen = SocketMessages.RightsSpace };
            if (SocketMessages.sendmsg((int)socket.Handle, &message, 0) < 0)
            {
                throw new OciException($"could not send the console to {consoleSocket}: {Errno.Name(Marshal.GetLastPInvokeError())}");
            }
        }
    }

    public void Dispose()
    {
        if (_master >= 0)
        {
            _ = Unistd.close(_master);
            _master = -1;
        }
    }
}
