using System.Runtime.CompilerServices;
using Flint.Interop.Libc;
using Flint.Testing;

namespace Flint.Interop.Tests.Libc;

/// <summary>The namespace, FIFO and interface-flag declarations match &lt;sched.h&gt;, &lt;fcntl.h&gt; and &lt;net/if.h&gt;.</summary>
public sealed class NamespaceLayoutTests
{
    private const string Probe = """
        #define _GNU_SOURCE
        #include <fcntl.h>
        #include <net/if.h>
        #include <sched.h>
        #include <stddef.h>
        #include <stdio.h>
        #include <sys/ioctl.h>
        #define C(n) printf(#n " %llu\n", (unsigned long long)(n));
        int main(void) {
            C(CLONE_NEWNET) C(O_WRONLY) C(IFNAMSIZ) C(SIOCGIFFLAGS) C(SIOCSIFFLAGS) C(IFF_UP)
            C(sizeof(struct ifreq)) C(offsetof(struct ifreq, ifr_flags))
            return 0;
        }
        """;

    [Fact]
    public unsafe void Layout_MatchesLinuxHeaders()
    {
        var native = NativeProgram.RunKeyValues(Probe);
        var request = default(ifreq_flags);

        Assert.Equal((ulong)Sched.CLONE_NEWNET, native["CLONE_NEWNET"]);
        Assert.Equal((ulong)Fcntl.O_WRONLY, native["O_WRONLY"]);
        Assert.Equal((ulong)ifreq_flags.IFNAMSIZ, native["IFNAMSIZ"]);
        Assert.Equal((ulong)ifreq_flags.SIOCGIFFLAGS, native["SIOCGIFFLAGS"]);
        Assert.Equal((ulong)ifreq_flags.SIOCSIFFLAGS, native["SIOCSIFFLAGS"]);
        Assert.Equal((ulong)ifreq_flags.IFF_UP, native["IFF_UP"]);
        Assert.Equal(native["sizeof(struct ifreq)"], (ulong)Unsafe.SizeOf<ifreq_flags>());
        Assert.Equal(native["offsetof(struct ifreq, ifr_flags)"], (ulong)((byte*)&request.ifr_flags - (byte*)&request));
    }
}
