using Flint.Interop.Libc;
using Flint.Testing;

namespace Flint.Interop.Tests.Libc;

public sealed class ErrnoTests
{
    [Fact]
    public void Name_EveryDeclaredValue_MatchesErrnoHeader()
    {
        var native = NativeProgram.RunKeyValues("""
            #include <errno.h>
            #include <stdio.h>
            #define C(n) printf(#n " %d\n", n);
            int main(void) {
                C(EPERM) C(ENOENT) C(ESRCH) C(EINTR) C(EIO) C(E2BIG) C(EBADF) C(EAGAIN) C(ENOMEM) C(EACCES) C(EFAULT)
                C(EEXIST) C(ENODEV) C(ENOTDIR) C(EINVAL) C(ENOTTY) C(ERANGE) C(ENAMETOOLONG) C(ENOSYS) C(EOPNOTSUPP)
                C(ECHILD) C(EISDIR) C(ENFILE) C(EMFILE) C(ESPIPE) C(EROFS) C(EPIPE) C(ENOTEMPTY) C(ELOOP) C(ENOTSOCK) C(EDESTADDRREQ) C(EMSGSIZE) C(ENOPROTOOPT) C(EPROTONOSUPPORT) C(EAFNOSUPPORT) C(EADDRINUSE) C(ECONNRESET) C(ENOBUFS) C(EISCONN) C(ENOTCONN) C(ETIMEDOUT) C(ECONNREFUSED) C(EALREADY) C(EINPROGRESS)
                return 0;
            }
            """);
        foreach (var (name, value) in native)
        {
            Assert.Equal(name, Errno.Name((int)value));
        }

        Assert.Equal(44, native.Count);
    }

    [Fact]
    public void Name_UnknownNumber_SaysErrnoN()
    {
        Assert.Equal("errno 4242", Errno.Name(4242));
    }
}
