namespace Flint.Vm.Linux.Abi;

/// <summary><c>struct timespec</c>.</summary>
internal struct Timespec
{
    public long Seconds;
    public long Nanoseconds;
}
