namespace Flint.Vm.Linux.Abi;

/// <summary>x86-64 <c>struct stat</c> as the kernel writes it (144 bytes).</summary>
internal struct LinuxStat
{
    public ulong Device;
    public ulong Inode;
    public ulong LinkCount;
    public uint Mode;
    public uint UserId;
    public uint GroupId;
    public int Padding0;
    public ulong SpecialDevice;
    public long Size;
    public long BlockSize;
    public long Blocks;
    public long AccessTime;
    public long AccessTimeNanoseconds;
    public long ModifyTime;
    public long ModifyTimeNanoseconds;
    public long ChangeTime;
    public long ChangeTimeNanoseconds;
    public long Reserved0;
    public long Reserved1;
    public long Reserved2;
}
