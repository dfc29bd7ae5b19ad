using System.Diagnostics;

namespace Flint.Testing;

/// <summary>Compiles small C programs with the machine's gcc for tests (static by default).</summary>
public static class StaticPrograms
{
    public static string Compile(TempDirectory directory, string name, string source, params string[] flags)
    {
        HostRequirements.RequireCommand("gcc", "build-essential");
        var sourcePath = directory.Combine(name + ".c");
        File.WriteAllText(sourcePath, source);
        var output = directory.Combine(name);
        var start = new ProcessStartInfo("gcc") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (flags.Length == 0 ? ["-static", "-O2"] : flags).Concat(["-o", output, sourcePath]))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"gcc failed for {name}: {errors}");
        }

        return output;
    }
}
