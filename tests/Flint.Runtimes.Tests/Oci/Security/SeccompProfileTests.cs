using Flint.Runtimes.Oci.Security;

namespace Flint.Runtimes.Tests.Oci.Security;

public sealed class SeccompProfileTests
{
    [Fact]
    public void For_NoCapabilities_DeniesByDefaultAndAllowsNoAdministration()
    {
        var seccomp = SeccompProfile.For([]);
        var allowed = seccomp.Syscalls.Where(s => s.Action == "SCMP_ACT_ALLOW" && s.Args is null).SelectMany(s => s.Names).ToHashSet();

        Assert.Equal("SCMP_ACT_ERRNO", seccomp.DefaultAction);
        Assert.Equal(1, seccomp.DefaultErrnoRet);
        Assert.Equal(["SCMP_ARCH_X86_64"], seccomp.Architectures);
        Assert.Contains("accept4", allowed);
        Assert.Contains("epoll_wait", allowed);
        Assert.All(["mount", "umount2", "unshare", "setns", "bpf", "init_module", "finit_module", "kexec_load", "reboot", "chroot"],
            name => Assert.DoesNotContain(name, allowed));
        // clone only without namespace flags; clone3 answers ENOSYS so libc falls back to clone.
        Assert.Contains(seccomp.Syscalls, s => s.Names.SequenceEqual(["clone"]) && s.Args is [{ Op: "SCMP_CMP_MASKED_EQ", Value: 0x7E020000 }]);
        Assert.Contains(seccomp.Syscalls, s => s.Names.SequenceEqual(["clone3"]) && s is { Action: "SCMP_ACT_ERRNO", ErrnoRet: 38 });
    }

    [Fact]
    public void For_Capability_AddsItsRulesOnly()
    {
        var withChroot = SeccompProfile.For(["CAP_SYS_CHROOT"]).Syscalls.SelectMany(s => s.Names).ToHashSet();

        Assert.Contains("chroot", withChroot);
        Assert.DoesNotContain("mount", withChroot);
    }
}
