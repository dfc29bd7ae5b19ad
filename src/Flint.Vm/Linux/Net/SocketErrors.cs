using System.Net.Sockets;
using Flint.Interop.Libc;

namespace Flint.Vm.Linux.Net;

/// <summary>Host socket errors as the errno a guest sees.</summary>
internal static class SocketErrors
{
    public static long ToErrno(SocketError error) => error switch
    {
        SocketError.WouldBlock or SocketError.TryAgain => -Errno.EAGAIN,
        SocketError.ConnectionReset or SocketError.ConnectionAborted => -Errno.ECONNRESET,
        SocketError.Shutdown => -Errno.EPIPE,
        SocketError.NotConnected => -Errno.ENOTCONN,
        SocketError.ConnectionRefused => -Errno.ECONNREFUSED,
        SocketError.TimedOut => -Errno.ETIMEDOUT,
        SocketError.InProgress or SocketError.AlreadyInProgress => -Errno.EINPROGRESS,
        SocketError.IsConnected => -Errno.EISCONN,
        SocketError.Interrupted or SocketError.OperationAborted => -Errno.EINTR,
        SocketError.NoBufferSpaceAvailable => -Errno.ENOBUFS,
        SocketError.MessageSize => -Errno.EMSGSIZE,
        SocketError.AccessDenied => -Errno.EACCES,
        SocketError.InvalidArgument => -Errno.EINVAL,
        _ => -Errno.EIO,
    };
}
