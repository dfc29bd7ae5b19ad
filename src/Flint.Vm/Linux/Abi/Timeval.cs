namespace Flint.Vm.Linux.Abi;

/// <summary><c>struct timeval</c>.</summary>
internal struct Timeval
{
    public long Seconds;
    public long Microseconds;
}
