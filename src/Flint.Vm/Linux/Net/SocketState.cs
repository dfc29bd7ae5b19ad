namespace Flint.Vm.Linux.Net;

/// <summary>Where a guest TCP socket is in its life.</summary>
internal enum SocketState
{
    Created,
    Bound,
    Listening,
    Connecting,
    Connected,
}
