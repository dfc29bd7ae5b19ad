using System.Net.Sockets;

namespace Flint.Runtimes.Common;

/// <summary>What <see cref="SpawnedProcess.Start"/> runs.</summary>
/// <param name="Arguments">The whole argument vector, the program's name first; <c>Arguments[0]</c> is also the path executed.</param>
/// <param name="Environment">Exactly the child's environment; nothing of the host's is added.</param>
/// <param name="WorkingDirectory">The child's working directory; null keeps the host's.</param>
/// <param name="ListenSocket">A listening socket the child receives as descriptor 3 (socket activation); null for none.</param>
/// <param name="OwnProcessGroup">Whether the child leads a process group of its own, so its descendants can be signalled with it.</param>
/// <param name="HeldStdin">Whether stdin is a stream socket to the host (<see cref="SpawnedProcess.HeldAsync"/>, <see cref="SpawnedProcess.Go"/>) instead of <c>/dev/null</c>.</param>
internal sealed record SpawnRequest(
    IReadOnlyList<string> Arguments,
    IEnumerable<KeyValuePair<string, string>> Environment,
    string? WorkingDirectory = null,
    Socket? ListenSocket = null,
    bool OwnProcessGroup = false,
    bool HeldStdin = false);
