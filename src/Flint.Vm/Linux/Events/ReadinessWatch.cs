using System.Net.Sockets;

namespace Flint.Vm.Linux.Events;

/// <summary>
/// What a readiness wait watches, filled by each check: host sockets that are not ready yet (Socket.Select wakes on
/// them), and whether some file can only be re-checked by polling (a ready socket whose edge was already reported).
/// </summary>
internal sealed class ReadinessWatch
{
    public List<Socket> Sockets { get; } = [];

    /// <summary>Sockets a waiter wants writable that are not: Select wakes when one is.</summary>
    public List<Socket> WriteSockets { get; } = [];

    public bool NeedsPolling { get; set; }

    public void Clear()
    {
        Sockets.Clear();
        WriteSockets.Clear();
        NeedsPolling = false;
    }
}
