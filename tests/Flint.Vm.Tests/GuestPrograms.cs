using Flint.Testing;

namespace Flint.Vm.Tests;

/// <summary>
/// The C programs in Programs/, compiled once per test run with the host's compilers: static glibc non-PIE,
/// static-PIE, and static musl when musl-gcc is installed. Skips the calling test when a compiler is missing.
/// </summary>
internal static class GuestPrograms
{
    private static readonly TempDirectory GuestDirectory = TempDirectory.ForThisProcess("flint-guests");
    private static readonly Dictionary<string, string> Built = [];
    private static readonly Lock BuildLock = new();

    public static string Build(string name, GuestLinkage linkage = GuestLinkage.StaticGlibc)
    {
        var (compiler, flags) = linkage switch
        {
            GuestLinkage.StaticGlibc => ("gcc", new[] { "-static", "-no-pie", "-O2" }),
            GuestLinkage.StaticPieGlibc => ("gcc", new[] { "-static-pie", "-fPIE", "-O2" }),
            GuestLinkage.StaticMusl => ("musl-gcc", new[] { "-static", "-O2" }),
            _ => ("gcc", new[] { "-O2" }),
        };
        var key = $"{name}-{linkage}";
        lock (BuildLock)
        {
            if (!Built.TryGetValue(key, out var path))
            {
                var source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Programs", name + ".c"));
                path = NativeProgram.CompileWith(compiler, GuestDirectory, key, source, flags);
                Built[key] = path;
            }

            return path;
        }
    }
}
