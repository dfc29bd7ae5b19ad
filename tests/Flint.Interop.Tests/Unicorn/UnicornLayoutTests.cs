using System.Runtime.CompilerServices;
using Flint.Interop.Unicorn;
using Flint.Testing;
using U = Flint.Interop.Unicorn.Unicorn;
using X = Flint.Interop.Unicorn.UnicornX86;

namespace Flint.Interop.Tests.Unicorn;

/// <summary>Every Unicorn constant, enum value and struct layout declared in C# matches &lt;unicorn/unicorn.h&gt; and &lt;unicorn/x86.h&gt; as gcc sees them.</summary>
public sealed class UnicornLayoutTests
{
    private const string Probe = """
        #include <unicorn/unicorn.h>
        #include <stddef.h>
        #include <stdio.h>
        #define C(n) printf(#n " %llu\n", (unsigned long long)(n));
        int main(void) {
            printf("sizeof(uc_x86_msr) %zu\n", sizeof(uc_x86_msr));
            printf("offsetof(uc_x86_msr,value) %zu\n", offsetof(uc_x86_msr, value));
            C(UC_ARCH_X86) C(UC_MODE_64) C(UC_PROT_ALL)
            C(UC_ERR_OK) C(UC_ERR_READ_UNMAPPED) C(UC_ERR_WRITE_UNMAPPED) C(UC_ERR_FETCH_UNMAPPED) C(UC_ERR_INSN_INVALID) C(UC_ERR_EXCEPTION)
            C(UC_HOOK_INTR) C(UC_HOOK_INSN) C(UC_HOOK_MEM_READ_UNMAPPED) C(UC_HOOK_MEM_WRITE_UNMAPPED) C(UC_HOOK_MEM_FETCH_UNMAPPED)
            C(UC_HOOK_MEM_UNMAPPED) C(UC_MEM_READ_UNMAPPED) C(UC_MEM_WRITE_UNMAPPED) C(UC_MEM_FETCH_UNMAPPED)
            C(UC_CTL_IO_WRITE) C(UC_CTL_CPU_MODEL) C(UC_CTL_TB_FLUSH)
            C(UC_CTL_WRITE(UC_CTL_TB_FLUSH, 0)) C(UC_CTL_WRITE(UC_CTL_CPU_MODEL, 1))
            C(UC_X86_REG_RAX) C(UC_X86_REG_RBP) C(UC_X86_REG_RBX) C(UC_X86_REG_RCX) C(UC_X86_REG_RDI)
            C(UC_X86_REG_RDX) C(UC_X86_REG_RIP) C(UC_X86_REG_RSI) C(UC_X86_REG_RSP) C(UC_X86_REG_CR0)
            C(UC_X86_REG_CR2) C(UC_X86_REG_CR3) C(UC_X86_REG_CR4) C(UC_X86_REG_R8) C(UC_X86_REG_R9) C(UC_X86_REG_R10)
            C(UC_X86_REG_R11) C(UC_X86_REG_R12) C(UC_X86_REG_R13) C(UC_X86_REG_R14) C(UC_X86_REG_R15)
            C(UC_X86_REG_MSR) C(UC_X86_REG_FS_BASE) C(UC_X86_REG_RFLAGS) C(UC_X86_INS_SYSCALL) C(UC_CPU_X86_HASWELL)
            return 0;
        }
        """;

    private static readonly Lazy<Dictionary<string, ulong>> Native = new(() =>
    {
        HostRequirements.RequireFile("/usr/include/unicorn/unicorn.h", "libunicorn-dev");
        return NativeProgram.RunKeyValues(Probe);
    });

    public static TheoryData<string> Keys() => [.. Expected().Keys];

    [Theory]
    [MemberData(nameof(Keys))]
    public void Layout_MatchesUnicornHeader(string key)
    {
        var native = Native.Value;
        Assert.True(native.ContainsKey(key), $"probe did not print {key}");
        Assert.Equal(native[key], Expected()[key]);
    }

    [Fact]
    public void Probe_CoversEveryDeclaredValue()
    {
        Assert.Equal(Native.Value.Keys.Order(), Expected().Keys.Order());
    }

    private static Dictionary<string, ulong> Expected()
    {
        var msr = default(uc_x86_msr);
        return new(StringComparer.Ordinal)
        {
            ["sizeof(uc_x86_msr)"] = (ulong)Unsafe.SizeOf<uc_x86_msr>(),
            ["offsetof(uc_x86_msr,value)"] = (ulong)Unsafe.ByteOffset(ref Unsafe.As<uc_x86_msr, byte>(ref msr), ref Unsafe.As<ulong, byte>(ref msr.value)),
            ["UC_ARCH_X86"] = U.UC_ARCH_X86,
            ["UC_MODE_64"] = U.UC_MODE_64,
            ["UC_PROT_ALL"] = U.UC_PROT_ALL,
            ["UC_ERR_OK"] = U.UC_ERR_OK,
            ["UC_ERR_READ_UNMAPPED"] = U.UC_ERR_READ_UNMAPPED,
            ["UC_ERR_WRITE_UNMAPPED"] = U.UC_ERR_WRITE_UNMAPPED,
            ["UC_ERR_FETCH_UNMAPPED"] = U.UC_ERR_FETCH_UNMAPPED,
            ["UC_ERR_INSN_INVALID"] = U.UC_ERR_INSN_INVALID,
            ["UC_ERR_EXCEPTION"] = U.UC_ERR_EXCEPTION,
            ["UC_HOOK_INTR"] = U.UC_HOOK_INTR,
            ["UC_HOOK_INSN"] = U.UC_HOOK_INSN,
            ["UC_HOOK_MEM_READ_UNMAPPED"] = U.UC_HOOK_MEM_READ_UNMAPPED,
            ["UC_HOOK_MEM_WRITE_UNMAPPED"] = U.UC_HOOK_MEM_WRITE_UNMAPPED,
            ["UC_HOOK_MEM_FETCH_UNMAPPED"] = U.UC_HOOK_MEM_FETCH_UNMAPPED,
            ["UC_HOOK_MEM_UNMAPPED"] = U.UC_HOOK_MEM_UNMAPPED,
            ["UC_MEM_READ_UNMAPPED"] = U.UC_MEM_READ_UNMAPPED,
            ["UC_MEM_WRITE_UNMAPPED"] = U.UC_MEM_WRITE_UNMAPPED,
            ["UC_MEM_FETCH_UNMAPPED"] = U.UC_MEM_FETCH_UNMAPPED,
            ["UC_CTL_IO_WRITE"] = U.UC_CTL_IO_WRITE,
            ["UC_CTL_CPU_MODEL"] = U.UC_CTL_CPU_MODEL,
            ["UC_CTL_TB_FLUSH"] = U.UC_CTL_TB_FLUSH,
            ["UC_CTL_WRITE(UC_CTL_TB_FLUSH, 0)"] = (ulong)U.UC_CTL_WRITE(U.UC_CTL_TB_FLUSH, 0),
            ["UC_CTL_WRITE(UC_CTL_CPU_MODEL, 1)"] = (ulong)U.UC_CTL_WRITE(U.UC_CTL_CPU_MODEL, 1),
            ["UC_X86_REG_RAX"] = X.UC_X86_REG_RAX,
            ["UC_X86_REG_RBP"] = X.UC_X86_REG_RBP,
            ["UC_X86_REG_RBX"] = X.UC_X86_REG_RBX,
            ["UC_X86_REG_RCX"] = X.UC_X86_REG_RCX,
            ["UC_X86_REG_RDI"] = X.UC_X86_REG_RDI,
            ["UC_X86_REG_RDX"] = X.UC_X86_REG_RDX,
            ["UC_X86_REG_RIP"] = X.UC_X86_REG_RIP,
            ["UC_X86_REG_RSI"] = X.UC_X86_REG_RSI,
            ["UC_X86_REG_RSP"] = X.UC_X86_REG_RSP,
            ["UC_X86_REG_CR0"] = X.UC_X86_REG_CR0,
            ["UC_X86_REG_CR2"] = X.UC_X86_REG_CR2,
            ["UC_X86_REG_CR3"] = X.UC_X86_REG_CR3,
            ["UC_X86_REG_CR4"] = X.UC_X86_REG_CR4,
            ["UC_X86_REG_R8"] = X.UC_X86_REG_R8,
            ["UC_X86_REG_R9"] = X.UC_X86_REG_R9,
            ["UC_X86_REG_R10"] = X.UC_X86_REG_R10,
            ["UC_X86_REG_R11"] = X.UC_X86_REG_R11,
            ["UC_X86_REG_R12"] = X.UC_X86_REG_R12,
            ["UC_X86_REG_R13"] = X.UC_X86_REG_R13,
            ["UC_X86_REG_R14"] = X.UC_X86_REG_R14,
            ["UC_X86_REG_R15"] = X.UC_X86_REG_R15,
            ["UC_X86_REG_MSR"] = X.UC_X86_REG_MSR,
            ["UC_X86_REG_FS_BASE"] = X.UC_X86_REG_FS_BASE,
            ["UC_X86_REG_RFLAGS"] = X.UC_X86_REG_RFLAGS,
            ["UC_X86_INS_SYSCALL"] = X.UC_X86_INS_SYSCALL,
            ["UC_CPU_X86_HASWELL"] = X.UC_CPU_X86_HASWELL,
        };
    }
}
