using System.Net.Sockets;

namespace Flint.Runtimes.Common;

/// <summary>The host's side of a held child's stdin socket (<see cref="SpawnRequest.HeldStdin"/>): what the child says there.</summary>
internal static class HeldChild
{
    /// <summary>
    /// True once the child sent its one byte (it holds); false when it closed its end first, the socket is gone, or
    /// <paramref name="limit"/> passed or <paramref name="cancellationToken"/> was cancelled before.
    /// </summary>
    public static async Task<bool> HoldsAsync(Socket socket, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var waited = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        waited.CancelAfter(limit);
        try
        {
            return await socket.ReceiveAsync(new byte[1], SocketFlags.None, waited.Token).ConfigureAwait(false) == 1;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            return false;
        }
    }
}
