namespace Flint.Vm.Cpu;

/// <summary>x86 exception vectors and which of them push an error code.</summary>
internal static class ExceptionVector
{
    public const int DivideError = 0;
    public const int Debug = 1;
    public const int Breakpoint = 3;
    public const int Overflow = 4;
    public const int BoundRange = 5;
    public const int InvalidOpcode = 6;
    public const int DeviceNotAvailable = 7;
    public const int DoubleFault = 8;
    public const int InvalidTss = 10;
    public const int SegmentNotPresent = 11;
    public const int StackFault = 12;
    public const int GeneralProtection = 13;
    public const int PageFault = 14;
    public const int FloatingPoint = 16;
    public const int AlignmentCheck = 17;
    public const int MachineCheck = 18;
    public const int SimdFloatingPoint = 19;
    public const int ControlProtection = 21;

    public static bool HasErrorCode(int vector) => vector is DoubleFault or InvalidTss or SegmentNotPresent
        or StackFault or GeneralProtection or PageFault or AlignmentCheck or ControlProtection or 29 or 30;
}
