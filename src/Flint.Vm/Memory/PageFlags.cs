namespace Flint.Vm.Memory;

/// <summary>What the guest's user code may do with one 4 KiB page. <see cref="Mapped"/> without access bits is a reservation.</summary>
[Flags]
internal enum PageFlags : byte
{
    None = 0,
    Mapped = 1,
    Read = 2,
    Write = 4,
    Execute = 8,
}
