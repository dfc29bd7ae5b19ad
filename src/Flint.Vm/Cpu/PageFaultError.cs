namespace Flint.Vm.Cpu;

/// <summary>Bits of the error code a page fault pushes (Intel SDM vol. 3, 4.7).</summary>
internal static class PageFaultError
{
    /// <summary>The page was present: a protection violation, not a missing page.</summary>
    public const ulong Present = 1;

    public const ulong Write = 2;

    public const ulong User = 4;

    /// <summary>The access was an instruction fetch.</summary>
    public const ulong InstructionFetch = 16;
}
