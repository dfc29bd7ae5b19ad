using System.Runtime.InteropServices;

namespace Flint.Interop.Libc;

/// <summary>&lt;sys/socket.h&gt;'s <c>sendmsg</c>/<c>recvmsg</c>, for passing a descriptor (SCM_RIGHTS) over a Unix socket.</summary>
internal static unsafe partial class SocketMessages
{
    public const int SOL_SOCKET = 1;
    public const int SCM_RIGHTS = 1;

    /// <summary>CMSG_SPACE(sizeof(int)): a cmsghdr (16 bytes) and one int, padded to 8.</summary>
    public const int RightsSpace = 24;

    /// <summary>CMSG_LEN(sizeof(int)).</summary>
    public const int RightsLength = 20;

    [LibraryImport("libc", EntryPoint = "sendmsg", SetLastError = true)]
    public static partial nint sendmsg(int sockfd, msghdr* msg, int flags);

    [LibraryImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    public static partial nint recvmsg(int sockfd, msghdr* msg, int flags);
}
