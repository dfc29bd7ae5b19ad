namespace Flint.Vm.Loader;

/// <summary>One PT_LOAD program header.</summary>
internal sealed record ElfSegment(ulong VirtualAddress, ulong FileOffset, ulong FileSize, ulong MemorySize, ulong Alignment, uint Flags)
{
    public const uint Execute = 1;
    public const uint Write = 2;
    public const uint Read = 4;
}
