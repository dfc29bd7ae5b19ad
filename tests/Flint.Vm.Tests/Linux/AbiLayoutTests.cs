using System.Runtime.CompilerServices;
using Flint.Testing;
using Flint.Vm.Linux.Abi;
using L = Flint.Vm.Linux.Abi.SignalFrameLayout;

namespace Flint.Vm.Tests.Linux;

/// <summary>The guest ABI structs the monitor writes match glibc's headers as gcc compiles them.</summary>
public sealed class AbiLayoutTests
{
    private const string Probe = """
        #define _GNU_SOURCE
        #include <signal.h>
        #include <stddef.h>
        #include <stdio.h>
        #include <poll.h>
        #include <sys/epoll.h>
        #include <sys/resource.h>
        #include <sys/socket.h>
        #include <sys/stat.h>
        #include <sys/time.h>
        #include <sys/uio.h>
        #include <sys/utsname.h>
        #include <time.h>
        #include <ucontext.h>
        #define P(name, v) printf(name " %zu\n", (size_t)(v));
        int main(void) {
            P("stat.size", sizeof(struct stat)) P("stat.st_ino", offsetof(struct stat, st_ino))
            P("stat.st_nlink", offsetof(struct stat, st_nlink)) P("stat.st_mode", offsetof(struct stat, st_mode))
            P("stat.st_uid", offsetof(struct stat, st_uid)) P("stat.st_rdev", offsetof(struct stat, st_rdev))
            P("stat.st_size", offsetof(struct stat, st_size)) P("stat.st_blksize", offsetof(struct stat, st_blksize))
            P("stat.st_blocks", offsetof(struct stat, st_blocks)) P("stat.st_atim", offsetof(struct stat, st_atim))
            P("stat.st_mtim", offsetof(struct stat, st_mtim)) P("stat.st_ctim", offsetof(struct stat, st_ctim))
            P("stack_t.size", sizeof(stack_t)) P("stack_t.ss_flags", offsetof(stack_t, ss_flags)) P("stack_t.ss_size", offsetof(stack_t, ss_size))
            P("iovec.size", sizeof(struct iovec)) P("iovec.iov_len", offsetof(struct iovec, iov_len))
            P("rlimit.size", sizeof(struct rlimit)) P("rlimit.rlim_max", offsetof(struct rlimit, rlim_max))
            P("timeval.size", sizeof(struct timeval)) P("timeval.tv_usec", offsetof(struct timeval, tv_usec))
            P("timespec.size", sizeof(struct timespec)) P("timespec.tv_nsec", offsetof(struct timespec, tv_nsec))
            P("utsname.size", sizeof(struct utsname)) P("utsname.machine", offsetof(struct utsname, machine))
            P("siginfo.size", sizeof(siginfo_t)) P("siginfo.si_code", offsetof(siginfo_t, si_code))
            P("siginfo.si_addr", offsetof(siginfo_t, si_addr))
            P("uc.uc_stack", offsetof(ucontext_t, uc_stack)) P("uc.gregs", offsetof(ucontext_t, uc_mcontext.gregs))
            P("uc.fpregs", offsetof(ucontext_t, uc_mcontext.fpregs)) P("uc.uc_sigmask", offsetof(ucontext_t, uc_sigmask))
            P("NGREG", NGREG) P("REG_R8", REG_R8) P("REG_R15", REG_R15) P("REG_RDI", REG_RDI) P("REG_RBX", REG_RBX)
            P("REG_RAX", REG_RAX) P("REG_RCX", REG_RCX) P("REG_RSP", REG_RSP) P("REG_RIP", REG_RIP) P("REG_EFL", REG_EFL)
            P("REG_CSGSFS", REG_CSGSFS) P("REG_ERR", REG_ERR) P("REG_TRAPNO", REG_TRAPNO) P("REG_OLDMASK", REG_OLDMASK) P("REG_CR2", REG_CR2)
            P("SA_SIGINFO", SA_SIGINFO) P("SA_ONSTACK", SA_ONSTACK) P("SA_RESTORER", 0x04000000) P("SA_NODEFER", SA_NODEFER)
            P("SA_RESETHAND", SA_RESETHAND) P("SS_DISABLE", SS_DISABLE) P("SS_ONSTACK", SS_ONSTACK) P("SIGSEGV", SIGSEGV)
            P("SIGFPE", SIGFPE) P("SIGILL", SIGILL) P("SIGBUS", SIGBUS) P("SIGTRAP", SIGTRAP) P("SIGABRT", SIGABRT)
            P("SEGV_MAPERR", SEGV_MAPERR) P("SEGV_ACCERR", SEGV_ACCERR) P("FPE_INTDIV", FPE_INTDIV) P("ILL_ILLOPN", ILL_ILLOPN)
            P("SI_KERNEL", SI_KERNEL)
            P("epoll_event.size", sizeof(struct epoll_event)) P("epoll_event.data", offsetof(struct epoll_event, data))
            P("msghdr.size", sizeof(struct msghdr)) P("msghdr.msg_namelen", offsetof(struct msghdr, msg_namelen))
            P("msghdr.msg_iov", offsetof(struct msghdr, msg_iov)) P("msghdr.msg_iovlen", offsetof(struct msghdr, msg_iovlen))
            P("msghdr.msg_control", offsetof(struct msghdr, msg_control)) P("msghdr.msg_controllen", offsetof(struct msghdr, msg_controllen))
            P("msghdr.msg_flags", offsetof(struct msghdr, msg_flags))
            P("pollfd.size", sizeof(struct pollfd)) P("pollfd.events", offsetof(struct pollfd, events)) P("pollfd.revents", offsetof(struct pollfd, revents))
            return 0;
        }
        """;

    private static readonly Lazy<Dictionary<string, ulong>> Native = new(() => NativeProgram.RunKeyValues(Probe));

    public static TheoryData<string> Keys() => [.. Expected().Keys];

    [Theory]
    [MemberData(nameof(Keys))]
    public void Layout_MatchesGlibcHeaders(string key)
    {
        Assert.True(Native.Value.ContainsKey(key), $"probe did not print {key}");
        Assert.Equal(Native.Value[key], Expected()[key]);
    }

    [Fact]
    public void KernelSigaction_IsHandlerFlagsRestorerMask()
    {
        // The kernel's own x86-64 struct sigaction (not in glibc's headers): four 8-byte words in this order.
        var action = default(KernelSigaction);
        Assert.Equal(32, Unsafe.SizeOf<KernelSigaction>());
        Assert.Equal(8UL, Off(ref action, ref action.Flags));
        Assert.Equal(16UL, Off(ref action, ref action.Restorer));
        Assert.Equal(24UL, Off(ref action, ref action.Mask));
    }

    private static Dictionary<string, ulong> Expected()
    {
        var st = default(LinuxStat);
        var ss = default(SignalStack);
        var iov = default(Iovec);
        var rl = default(Rlimit);
        var tv = default(Timeval);
        var ts = default(Timespec);
        var ev = default(EpollEvent);
        var msg = default(MessageHeader);
        var pfd = default(PollFd);
        return new(StringComparer.Ordinal)
        {
            ["epoll_event.size"] = Size<EpollEvent>(),
            ["epoll_event.data"] = Off(ref ev, ref ev.Data),
            ["msghdr.size"] = Size<MessageHeader>(),
            ["msghdr.msg_namelen"] = Off(ref msg, ref msg.NameLength),
            ["msghdr.msg_iov"] = Off(ref msg, ref msg.Iov),
            ["msghdr.msg_iovlen"] = Off(ref msg, ref msg.IovLength),
            ["msghdr.msg_control"] = Off(ref msg, ref msg.Control),
            ["msghdr.msg_controllen"] = Off(ref msg, ref msg.ControlLength),
            ["msghdr.msg_flags"] = Off(ref msg, ref msg.Flags),
            ["pollfd.size"] = Size<PollFd>(),
            ["pollfd.events"] = Off(ref pfd, ref pfd.Events),
            ["pollfd.revents"] = Off(ref pfd, ref pfd.ReturnedEvents),
            ["stat.size"] = Size<LinuxStat>(),
            ["stat.st_ino"] = Off(ref st, ref st.Inode),
            ["stat.st_nlink"] = Off(ref st, ref st.LinkCount),
            ["stat.st_mode"] = Off(ref st, ref st.Mode),
            ["stat.st_uid"] = Off(ref st, ref st.UserId),
            ["stat.st_rdev"] = Off(ref st, ref st.SpecialDevice),
            ["stat.st_size"] = Off(ref st, ref st.Size),
            ["stat.st_blksize"] = Off(ref st, ref st.BlockSize),
            ["stat.st_blocks"] = Off(ref st, ref st.Blocks),
            ["stat.st_atim"] = Off(ref st, ref st.AccessTime),
            ["stat.st_mtim"] = Off(ref st, ref st.ModifyTime),
            ["stat.st_ctim"] = Off(ref st, ref st.ChangeTime),
            ["stack_t.size"] = Size<SignalStack>(),
            ["stack_t.ss_flags"] = Off(ref ss, ref ss.Flags),
            ["stack_t.ss_size"] = Off(ref ss, ref ss.Size),
            ["iovec.size"] = Size<Iovec>(),
            ["iovec.iov_len"] = Off(ref iov, ref iov.Length),
            ["rlimit.size"] = Size<Rlimit>(),
            ["rlimit.rlim_max"] = Off(ref rl, ref rl.Maximum),
            ["timeval.size"] = Size<Timeval>(),
            ["timeval.tv_usec"] = Off(ref tv, ref tv.Microseconds),
            ["timespec.size"] = Size<Timespec>(),
            ["timespec.tv_nsec"] = Off(ref ts, ref ts.Nanoseconds),
            ["utsname.size"] = Utsname.Size,
            ["utsname.machine"] = Utsname.FieldLength * 4,
            ["siginfo.size"] = L.SigInfoSize,
            ["siginfo.si_code"] = L.SiCode,
            ["siginfo.si_addr"] = L.SiAddr,
            ["uc.uc_stack"] = L.UcStack,
            ["uc.gregs"] = L.UcGregs,
            ["uc.fpregs"] = L.UcFpregs,
            ["uc.uc_sigmask"] = L.UcSigmask,
            ["NGREG"] = L.GregCount,
            ["REG_R8"] = L.R8,
            ["REG_R15"] = L.R15,
            ["REG_RDI"] = L.Rdi,
            ["REG_RBX"] = L.Rbx,
            ["REG_RAX"] = L.Rax,
            ["REG_RCX"] = L.Rcx,
            ["REG_RSP"] = L.Rsp,
            ["REG_RIP"] = L.Rip,
            ["REG_EFL"] = L.Eflags,
            ["REG_CSGSFS"] = L.CsGsFs,
            ["REG_ERR"] = L.Err,
            ["REG_TRAPNO"] = L.TrapNo,
            ["REG_OLDMASK"] = L.OldMask,
            ["REG_CR2"] = L.Cr2,
            ["SA_SIGINFO"] = Vm.Linux.Signal.SA_SIGINFO,
            ["SA_ONSTACK"] = Vm.Linux.Signal.SA_ONSTACK,
            ["SA_RESTORER"] = Vm.Linux.Signal.SA_RESTORER,
            ["SA_NODEFER"] = Vm.Linux.Signal.SA_NODEFER,
            ["SA_RESETHAND"] = Vm.Linux.Signal.SA_RESETHAND,
            ["SS_DISABLE"] = Vm.Linux.Signal.SS_DISABLE,
            ["SS_ONSTACK"] = Vm.Linux.Signal.SS_ONSTACK,
            ["SIGSEGV"] = Vm.Linux.Signal.SIGSEGV,
            ["SIGFPE"] = Vm.Linux.Signal.SIGFPE,
            ["SIGILL"] = Vm.Linux.Signal.SIGILL,
            ["SIGBUS"] = Vm.Linux.Signal.SIGBUS,
            ["SIGTRAP"] = Vm.Linux.Signal.SIGTRAP,
            ["SIGABRT"] = Vm.Linux.Signal.SIGABRT,
            ["SEGV_MAPERR"] = Vm.Linux.Signal.SEGV_MAPERR,
            ["SEGV_ACCERR"] = Vm.Linux.Signal.SEGV_ACCERR,
            ["FPE_INTDIV"] = Vm.Linux.Signal.FPE_INTDIV,
            ["ILL_ILLOPN"] = Vm.Linux.Signal.ILL_ILLOPN,
            ["SI_KERNEL"] = Vm.Linux.Signal.SI_KERNEL,
        };
    }

    private static ulong Size<T>()
        where T : struct => (ulong)Unsafe.SizeOf<T>();

    private static ulong Off<TStruct, TField>(ref TStruct owner, ref TField field)
        => (ulong)Unsafe.ByteOffset(ref Unsafe.As<TStruct, byte>(ref owner), ref Unsafe.As<TField, byte>(ref field));
}
