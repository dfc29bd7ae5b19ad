namespace Flint.Vm.Linux.Abi;

/// <summary><c>struct pollfd</c> (8 bytes).</summary>
internal struct PollFd
{
    public int Fd;
    public short Events;
    public short ReturnedEvents;
}
