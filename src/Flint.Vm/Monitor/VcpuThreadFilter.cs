using System.Runtime.InteropServices;
using Flint.Interop.Libc;

namespace Flint.Vm.Monitor;

/// <summary>
/// Binds every host thread that runs a vCPU (KVM or emulated) with <c>PR_SET_NO_NEW_PRIVS</c> and a
/// seccomp filter, installed through <c>prctl</c> without TSYNC: it binds that thread and any thread it
/// creates later, never the gateway's other threads. What the filter denies fails with EPERM, so a
/// monitor bug that reaches one of them fails that VM's call, never the gateway.
/// <para>
/// It is a deny list, not an allow list of the monitor's own syscalls, because of what a filter
/// binds: the .NET runtime creates threads lazily from whichever thread needs one (thread-pool
/// injection when a vCPU thread queues work or completes a task, the timer thread, the background
/// GC thread), and such a thread inherits the filter and goes on to run any gateway code, including
/// <c>posix_spawn</c> of crun, runc and Docker, whose children inherit it too. An allow list would
/// break those; denying <c>clone</c> instead would make the runtime's thread creation fail. So the
/// filter denies only what neither the monitor, nor the gateway, nor any program it starts ever
/// needs: 32-bit and x32 system calls, kexec, kernel modules, reboot, swap, process accounting,
/// port I/O, setting the clock, ptrace and cross-process memory access, <c>perf_event_open</c>,
/// <c>userfaultfd</c>, quota control, the kernel log, and obsolete calls.
/// </para>
/// </summary>
internal static class VcpuThreadFilter
{
    /// <summary>The denied system calls, by their x86-64 numbers (checked against &lt;sys/syscall.h&gt; by a test).</summary>
    public static IReadOnlyDictionary<string, uint> Denied { get; } = new Dictionary<string, uint>(StringComparer.Ordinal)
    {
        ["ptrace"] = 101,
        ["syslog"] = 103,
        ["uselib"] = 134,
        ["vhangup"] = 153,
        ["_sysctl"] = 156,
        ["adjtimex"] = 159,
        ["acct"] = 163,
        ["settimeofday"] = 164,
        ["swapon"] = 167,
        ["swapoff"] = 168,
        ["reboot"] = 169,
        ["iopl"] = 172,
        ["ioperm"] = 173,
        ["init_module"] = 175,
        ["delete_module"] = 176,
        ["quotactl"] = 179,
        ["lookup_dcookie"] = 212,
        ["clock_settime"] = 227,
        ["kexec_load"] = 246,
        ["perf_event_open"] = 298,
        ["clock_adjtime"] = 305,
        ["process_vm_readv"] = 310,
        ["process_vm_writev"] = 311,
        ["finit_module"] = 313,
        ["kexec_file_load"] = 320,
        ["userfaultfd"] = 323,
    };

    private const uint X32SyscallBit = 0x40000000;
    private const uint Deny = Prctl.SECCOMP_RET_ERRNO | (uint)Errno.EPERM;

    private static readonly sock_filter[] Program = Build();

    [ThreadStatic]
    private static bool _applied;

    /// <summary>Binds the calling thread, once; throws <see cref="VmSetupException"/> when the kernel refuses.</summary>
    public static unsafe void ApplyToCurrentThread()
    {
        if (_applied)
        {
            return;
        }

        if (Prctl.prctl(Prctl.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        {
            throw new VmSetupException($"PR_SET_NO_NEW_PRIVS failed: {Errno.Name(Marshal.GetLastPInvokeError())}");
        }

        fixed (sock_filter* instructions = Program)
        {
            var program = new sock_fprog { len = (ushort)Program.Length, filter = instructions };
            if (Prctl.prctl(Prctl.PR_SET_SECCOMP, Prctl.SECCOMP_MODE_FILTER, (nuint)(&program), 0, 0) != 0)
            {
                throw new VmSetupException($"PR_SET_SECCOMP failed: {Errno.Name(Marshal.GetLastPInvokeError())}");
            }
        }

        _applied = true;
    }

    private static sock_filter[] Build()
    {
        var program = new List<sock_filter>
        {
            Statement(Prctl.BPF_LD_W_ABS, Prctl.SeccompDataArch),
            Jump(Prctl.BPF_JMP_JEQ_K, Prctl.AUDIT_ARCH_X86_64, 1, 0),
            Statement(Prctl.BPF_RET_K, Deny),
            Statement(Prctl.BPF_LD_W_ABS, Prctl.SeccompDataNr),
            Jump(Prctl.BPF_JMP_JGE_K, X32SyscallBit, 0, 1),
            Statement(Prctl.BPF_RET_K, Deny),
        };
        foreach (var number in Denied.Values)
        {
            program.Add(Jump(Prctl.BPF_JMP_JEQ_K, number, 0, 1));
            program.Add(Statement(Prctl.BPF_RET_K, Deny));
        }

        program.Add(Statement(Prctl.BPF_RET_K, Prctl.SECCOMP_RET_ALLOW));
        return [.. program];
    }

    private static sock_filter Statement(ushort code, uint k) => new() { code = code, k = k };

    private static sock_filter Jump(ushort code, uint k, byte whenTrue, byte whenFalse) => new() { code = code, jt = whenTrue, jf = whenFalse, k = k };
}
