namespace Flint.Vm.Cpu;

/// <summary>Model-specific registers the monitor programs.</summary>
internal static class Msr
{
    public const uint Efer = 0xC000_0080;
    public const uint Star = 0xC000_0081;
    public const uint Lstar = 0xC000_0082;
    public const uint SyscallFlagMask = 0xC000_0084;
    public const uint FsBase = 0xC000_0100;
}
