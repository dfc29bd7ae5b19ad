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
                return 0;
            }
            """);
        foreach (var (name, value) in native)
        {
            Assert.Equal(name, Errno.Name((int)value));
        }

        Assert.Equal(20, native.Count);
    }

    [Fact]
    public void Name_UnknownNumber_SaysErrnoN()
    {
        Assert.Equal("errno 4242", Errno.Name(4242));
    }
}
