namespace Flint.Vm.Linux.Abi;

/// <summary><c>struct iovec</c>.</summary>
internal struct Iovec
{
    public ulong Base;
    public ulong Length;
}
