namespace Flint.Vm.Kvm;

/// <summary>
/// How the guest goes back to user code after a trap, decided from the CPU state of that trap alone. A trap that
/// arrived at CPL 3 (every exception; a syscall on PVM hosts, whose LSTAR stub runs at CPL 3) resumes by setting
/// RIP/RSP/RFLAGS directly. A syscall that arrived at CPL 0 (VT-x/SVM) resumes through the ring-0 <c>iretq</c> stub
/// with a frame on the kernel stack, which also restores RCX and R11, unlike <c>sysretq</c>.
/// </summary>
internal enum KvmResumePath
{
    Direct,
    ThroughIret,
}
