namespace Flint.Vm.Linux.Events;

/// <summary>
/// A file that counts the guest's I/O on it. Edge-triggered epoll reports a file again only after the guest did I/O
/// on it since the last report (or it stopped being ready): an edge can be reported twice, never lost.
/// </summary>
internal interface IIoGeneration
{
    long IoGeneration { get; }
}
