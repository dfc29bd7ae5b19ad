using System.Runtime.CompilerServices;
using Flint.Interop.Libc;
using Flint.Testing;

namespace Flint.Interop.Tests.Libc;

/// <summary>The seccomp structs and constants declared in C# match &lt;linux/filter.h&gt;, &lt;linux/seccomp.h&gt; and &lt;sys/prctl.h&gt;.</summary>
public sealed class SeccompLayoutTests
{
    private const string Probe = """
        #include <linux/audit.h>
        #include <linux/filter.h>
        #include <linux/seccomp.h>
        #include <stddef.h>
        #include <stdio.h>
        #include <sys/prctl.h>
        #define S(t) printf("sizeof(" #t ") %zu\n", sizeof(struct t));
        #define O(t, f) printf("offsetof(" #t "," #f ") %zu\n", offsetof(struct t, f));
        #define C(n) printf(#n " %llu\n", (unsigned long long)(n));
        int main(void) {
            S(sock_filter) O(sock_filter, jt) O(sock_filter, jf) O(sock_filter, k) S(sock_fprog) O(sock_fprog, filter)
            O(seccomp_data, nr) O(seccomp_data, arch)
            C(PR_SET_SECCOMP) C(PR_SET_NO_NEW_PRIVS) C(SECCOMP_MODE_FILTER) C(SECCOMP_RET_ERRNO) C(SECCOMP_RET_ALLOW)
            C(AUDIT_ARCH_X86_64) C(BPF_LD | BPF_W | BPF_ABS) C(BPF_JMP | BPF_JEQ | BPF_K) C(BPF_JMP | BPF_JGE | BPF_K) C(BPF_RET | BPF_K)
            return 0;
        }
        """;

    [Fact]
    public void Layout_MatchesLinuxHeaders()
    {
        var native = NativeProgram.RunKeyValues(Probe);
        var f = default(sock_filter);

        Assert.Equal(native["sizeof(sock_filter)"], (ulong)Unsafe.SizeOf<sock_filter>());
        Assert.Equal(native["offsetof(sock_filter,jt)"], Off(ref f, ref f.jt));
        Assert.Equal(native["offsetof(sock_filter,jf)"], Off(ref f, ref f.jf));
        Assert.Equal(native["offsetof(sock_filter,k)"], Off(ref f, ref f.k));
        Assert.Equal(native["sizeof(sock_fprog)"], (ulong)Unsafe.SizeOf<sock_fprog>());
        Assert.Equal(native["offsetof(sock_fprog,filter)"], FilterOffset());
        Assert.Equal((ulong)Prctl.SeccompDataNr, native["offsetof(seccomp_data,nr)"]);
        Assert.Equal((ulong)Prctl.SeccompDataArch, native["offsetof(seccomp_data,arch)"]);
        Assert.Equal((ulong)Prctl.PR_SET_SECCOMP, native["PR_SET_SECCOMP"]);
        Assert.Equal((ulong)Prctl.PR_SET_NO_NEW_PRIVS, native["PR_SET_NO_NEW_PRIVS"]);
        Assert.Equal((ulong)Prctl.SECCOMP_MODE_FILTER, native["SECCOMP_MODE_FILTER"]);
        Assert.Equal((ulong)Prctl.SECCOMP_RET_ERRNO, native["SECCOMP_RET_ERRNO"]);
        Assert.Equal((ulong)Prctl.SECCOMP_RET_ALLOW, native["SECCOMP_RET_ALLOW"]);
        Assert.Equal((ulong)Prctl.AUDIT_ARCH_X86_64, native["AUDIT_ARCH_X86_64"]);
        Assert.Equal((ulong)Prctl.BPF_LD_W_ABS, native["BPF_LD | BPF_W | BPF_ABS"]);
        Assert.Equal((ulong)Prctl.BPF_JMP_JEQ_K, native["BPF_JMP | BPF_JEQ | BPF_K"]);
        Assert.Equal((ulong)Prctl.BPF_JMP_JGE_K, native["BPF_JMP | BPF_JGE | BPF_K"]);
        Assert.Equal((ulong)Prctl.BPF_RET_K, native["BPF_RET | BPF_K"]);
    }

    private static ulong Off<TStruct, TField>(ref TStruct s, ref TField field) =>
        (ulong)Unsafe.ByteOffset(ref Unsafe.As<TStruct, byte>(ref s), ref Unsafe.As<TField, byte>(ref field));

    private static unsafe ulong FilterOffset()
    {
        var p = default(sock_fprog);
        return (ulong)((byte*)&p.filter - (byte*)&p);
    }
}
