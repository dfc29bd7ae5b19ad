using System.Globalization;

namespace Flint.Runtimes.Docker;

/// <summary>
/// Whether a process holds the socket listening on a loopback port: the listening sockets come from
/// <c>/proc/net/tcp</c> (state <c>0A</c>), and the process holds one when a link in
/// <c>/proc/&lt;pid&gt;/fd</c> names its inode. Containers on the host network share that table.
/// </summary>
internal static class ListenerOwner
{
    private const string Listening = "0A";

    public static bool Holds(int pid, int port)
    {
        var inodes = ListeningInodes(port);
        if (inodes.Count == 0)
        {
            return false;
        }

        try
        {
            return Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd")
                .Select(fd => new FileInfo(fd).LinkTarget)
                .Any(target => target is not null && inodes.Contains(target));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary><c>socket:[inode]</c> of every socket listening on the port, on loopback or every address.</summary>
    private static HashSet<string> ListeningInodes(int port)
    {
        var suffix = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines("/proc/net/tcp").Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 9 && fields[3] == Listening && fields[1].EndsWith(suffix, StringComparison.Ordinal))
            {
                inodes.Add($"socket:[{fields[9]}]");
            }
        }

        return inodes;
    }
}
