namespace Flint.Vm.Linux.Abi;

/// <summary><c>struct msghdr</c> (56 bytes on x86-64).</summary>
internal struct MessageHeader
{
    public ulong Name;
    public uint NameLength;
    public uint Padding0;
    public ulong Iov;
    public ulong IovLength;
    public ulong Control;
    public ulong ControlLength;
    public int Flags;
    public int Padding1;
}
