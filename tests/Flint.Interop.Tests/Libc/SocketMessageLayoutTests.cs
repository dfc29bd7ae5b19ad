using System.Runtime.CompilerServices;
using Flint.Interop.Libc;
using Flint.Testing;

namespace Flint.Interop.Tests.Libc;

/// <summary>The descriptor-passing structs and constants declared in C# match &lt;sys/socket.h&gt; and &lt;fcntl.h&gt;.</summary>
public sealed class SocketMessageLayoutTests
{
    private const string Probe = """
        #include <fcntl.h>
        #include <stddef.h>
        #include <stdio.h>
        #include <sys/socket.h>
        #include <sys/uio.h>
        #define C(n) printf(#n " %llu\n", (unsigned long long)(n));
        int main(void) {
            C(sizeof(struct msghdr)) C(offsetof(struct msghdr, msg_iov)) C(offsetof(struct msghdr, msg_iovlen))
            C(offsetof(struct msghdr, msg_control)) C(offsetof(struct msghdr, msg_controllen)) C(offsetof(struct msghdr, msg_flags))
            C(sizeof(struct iovec)) C(sizeof(struct cmsghdr)) C(CMSG_SPACE(sizeof(int))) C(CMSG_LEN(sizeof(int)))
            C(SOL_SOCKET) C(SCM_RIGHTS) C(O_NOCTTY)
            return 0;
        }
        """;

    [Fact]
    public unsafe void Layout_MatchesLinuxHeaders()
    {
        var native = NativeProgram.RunKeyValues(Probe);
        var m = default(msghdr);
        var at = (byte*)&m;

        Assert.Equal(native["sizeof(struct msghdr)"], (ulong)Unsafe.SizeOf<msghdr>());
        Assert.Equal(native["offsetof(struct msghdr, msg_iov)"], (ulong)((byte*)&m.msg_iov - at));
        Assert.Equal(native["offsetof(struct msghdr, msg_iovlen)"], (ulong)((byte*)&m.msg_iovlen - at));
        Assert.Equal(native["offsetof(struct msghdr, msg_control)"], (ulong)((byte*)&m.msg_control - at));
        Assert.Equal(native["offsetof(struct msghdr, msg_controllen)"], (ulong)((byte*)&m.msg_controllen - at));
        Assert.Equal(native["offsetof(struct msghdr, msg_flags)"], (ulong)((byte*)&m.msg_flags - at));
        Assert.Equal(native["sizeof(struct iovec)"], (ulong)Unsafe.SizeOf<iovec>());
        Assert.Equal(native["sizeof(struct cmsghdr)"], (ulong)Unsafe.SizeOf<cmsghdr>());
        Assert.Equal((ulong)SocketMessages.RightsSpace, native["CMSG_SPACE(sizeof(int))"]);
        Assert.Equal((ulong)SocketMessages.RightsLength, native["CMSG_LEN(sizeof(int))"]);
        Assert.Equal((ulong)SocketMessages.SOL_SOCKET, native["SOL_SOCKET"]);
        Assert.Equal((ulong)SocketMessages.SCM_RIGHTS, native["SCM_RIGHTS"]);
        Assert.Equal((ulong)Pty.O_NOCTTY, native["O_NOCTTY"]);
    }
}
