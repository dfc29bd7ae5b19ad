namespace Flint.Vm.Monitor;

/// <summary>
/// Where a guest <c>syscall</c> lands, found at the first one from CS.DPL. On PVM hosts the LSTAR stub runs at
/// CPL 3 and the monitor resumes user code by setting RIP/RSP/RFLAGS directly. On VT-x/SVM it runs at CPL 0 as
/// the architecture says, and the monitor resumes through a ring-0 <c>iretq</c> with a frame it writes on the
/// kernel stack (which also restores RCX and R11, unlike <c>sysretq</c>).
/// </summary>
internal enum SyscallStubMode
{
    Unknown,
    UserStub,
    KernelStub,
}
