using System.Net.Sockets;

namespace Flint.Vm.Linux.Net;

/// <summary>
/// The host's side of the guest's network policy: the one listening socket the caller owns and lends to the guest,
/// the readiness callback, and whether outbound connections are allowed. Thread-safe.
/// </summary>
internal sealed class GuestNetwork(Socket? listenSocket, Action? listening, bool allowOutbound)
{
    private int _adopted;

    public static GuestNetwork None { get; } = new(null, null, false);

    /// <summary>The caller's listening socket; never closed by the guest.</summary>
    public Socket? ListenSocket => listenSocket;

    public bool AllowOutbound => allowOutbound;

    /// <summary>Hands the listening socket to the guest's first listen() and reports readiness; false for any later caller.</summary>
    /// <summary>Whether a guest socket listens on the lent socket.</summary>
    public bool IsAdopted => Volatile.Read(ref _adopted) != 0;

    public bool TryAdoptListener()
    {
        if (listenSocket is null || Interlocked.Exchange(ref _adopted, 1) != 0)
        {
            return false;
        }

        listening?.Invoke();
        return true;
    }
}
