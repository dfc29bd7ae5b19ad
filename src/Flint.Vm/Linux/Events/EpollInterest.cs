using Flint.Vm.Linux.Files;

namespace Flint.Vm.Linux.Events;

/// <summary>One fd in an epoll set: what the guest asked for, its data, and what edge-triggered mode last reported.</summary>
internal sealed class EpollInterest(int fd, OpenFile file)
{
    public int Fd { get; } = fd;

    public OpenFile File { get; } = file;

    public uint Events { get; set; }

    public ulong Data { get; set; }

    /// <summary>EPOLLONESHOT fired: nothing is reported until EPOLL_CTL_MOD re-arms it.</summary>
    public bool Disarmed { get; set; }

    /// <summary>The ready bits last reported (edge-triggered mode).</summary>
    public PollEvents Reported { get; set; }

    /// <summary>The file's I/O generation at that report.</summary>
    public long ReportedGeneration { get; set; } = -1;
}
