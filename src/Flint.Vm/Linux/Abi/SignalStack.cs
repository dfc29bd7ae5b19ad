namespace Flint.Vm.Linux.Abi;

/// <summary><c>stack_t</c> for sigaltstack (24 bytes).</summary>
internal struct SignalStack
{
    public ulong Pointer;
    public int Flags;
    public int Padding;
    public ulong Size;
}
