using System.Runtime.InteropServices;

namespace Flint.Interop.Libc;

/// <summary><c>socketpair(2)</c>: two connected Unix stream sockets, for a conversation with a child on one of its descriptors.</summary>
internal static unsafe partial class SocketPair
{
    public const int AF_UNIX = 1;
    public const int SOCK_STREAM = 1;
    public const int SOCK_CLOEXEC = 0x80000;

    [LibraryImport("libc", EntryPoint = "socketpair", SetLastError = true)]
    public static partial int socketpair(int domain, int type, int protocol, int* sv);
}
