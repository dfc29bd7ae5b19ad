namespace Flint.Vm.Cpu;

/// <summary>
/// One typed exit from the guest. For <see cref="VcpuExitKind.Exception"/>: the vector, the error code the CPU
/// pushed (derived from the page tables and the access where the platform gives none) and, for a page fault, the
/// faulting address (CR2). <see cref="Detail"/> says what a platform failure was.
/// </summary>
internal readonly record struct VcpuExit(VcpuExitKind Kind, int Vector = 0, ulong ErrorCode = 0, ulong FaultAddress = 0, string? Detail = null)
{
    public static VcpuExit Syscall { get; } = new(VcpuExitKind.Syscall);

    public static VcpuExit Stopped { get; } = new(VcpuExitKind.Stopped);

    public static VcpuExit Preempted { get; } = new(VcpuExitKind.Preempted);

    public static VcpuExit Fault(int vector, ulong errorCode = 0, ulong faultAddress = 0) => new(VcpuExitKind.Exception, vector, errorCode, faultAddress);

    public static VcpuExit Failure(string detail) => new(VcpuExitKind.Failed, Detail: detail);
}
