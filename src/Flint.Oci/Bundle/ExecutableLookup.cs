using Flint.Oci.Cli;
using Flint.Vm.Loader;

namespace Flint.Oci.Bundle;

/// <summary>
/// Finds <c>process.args[0]</c> in the root filesystem as runc does (a name without a slash is looked up in the
/// <c>PATH</c> of the container's environment) and checks that a Flint VM can boot it: a static x86-64 ELF.
/// </summary>
internal static class ExecutableLookup
{
    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>The most bytes an executable may have: the guest's largest memory.</summary>
    private const long MaxExecutableBytes = 1L << 30;

    /// <returns>The executable's host path and its absolute path as the guest sees it.</returns>
    /// <exception cref="OciException">Not found, not a regular file, or not a static x86-64 executable.</exception>
    public static (string HostPath, string GuestPath) Find(string rootfs, string name, IReadOnlyList<string> env, string cwd)
    {
        if (name.Length == 0)
        {
            throw new OciException("process.args[0] is empty: no executable to run");
        }

        string[] candidates = name.Contains('/', StringComparison.Ordinal)
            ? [name.StartsWith('/') ? name : cwd.TrimEnd('/') + "/" + name]
            : [.. SearchPath(env).Select(directory => directory.TrimEnd('/') + "/" + name)];
        foreach (var guestPath in candidates)
        {
            if (RootfsPath.Resolve(rootfs, guestPath) is { } host && File.Exists(host))
            {
                Check(host, guestPath);
                return (host, guestPath);
            }
        }

        throw name.Contains('/', StringComparison.Ordinal)
            ? new OciException($"exec: \"{name}\": no such file in the container's root filesystem")
            : new OciException($"exec: \"{name}\": executable file not found in $PATH of the container's root filesystem");
    }

    private static IEnumerable<string> SearchPath(IReadOnlyList<string> env)
    {
        var path = env.LastOrDefault(e => e.StartsWith("PATH=", StringComparison.Ordinal))?["PATH=".Length..] ?? DefaultPath;
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries).Where(d => d.StartsWith('/'));
    }

    private static void Check(string host, string guestPath)
    {
        byte[] image;
        try
        {
            if (new FileInfo(host).Length > MaxExecutableBytes)
            {
                throw new OciException($"{guestPath} is larger than 1 GiB, more than a Flint VM's memory");
            }

            image = File.ReadAllBytes(host);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OciException($"could not read the executable {guestPath}: {e.Message}", e);
        }

        try
        {
            StaticExecutable.Check(image);
        }
        catch (ElfFormatException e)
        {
            throw new OciException($"{guestPath} is not an executable a Flint VM can run: {e.Message}", e);
        }
    }
}
