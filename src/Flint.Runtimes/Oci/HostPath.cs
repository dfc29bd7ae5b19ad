namespace Flint.Runtimes.Oci;

/// <summary>Finds a command on <c>PATH</c>.</summary>
internal static class HostPath
{
    public static string? Find(string command)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, command))
            .FirstOrDefault(File.Exists);
    }
}
