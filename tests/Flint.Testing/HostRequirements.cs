using Xunit;

namespace Flint.Testing;

/// <summary>
/// Skips a test, with a visible reason, when the host lacks something it needs
/// (/dev/kvm, root, a Debian package). Never fails a test for a missing host feature.
/// </summary>
public static class HostRequirements
{
    public static void RequireKvm()
    {
        if (!File.Exists("/dev/kvm"))
        {
            Assert.Skip("needs /dev/kvm (KVM is not available on this host)");
        }
    }

    public static void RequireRoot()
    {
        if (Environment.UserName != "root")
        {
            Assert.Skip("needs root");
        }
    }

    public static void RequireCommand(string command, string debianPackage)
    {
        if (FindOnPath(command) is null)
        {
            Assert.Skip($"needs '{command}' (Debian package {debianPackage}; scripts/setup.sh installs it)");
        }
    }

    public static void RequireFile(string path, string debianPackage)
    {
        if (!File.Exists(path))
        {
            Assert.Skip($"needs {path} (Debian package {debianPackage}; scripts/setup.sh installs it)");
        }
    }

    public static string? FindOnPath(string command)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, command);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
