using System.Diagnostics;
using System.Globalization;

namespace Flint.Testing;

/// <summary>
/// Builds small C programs with the host's gcc at test time and runs them: the ground truth for struct
/// layouts and ioctl numbers, and guest executables for loader tests. Skips the test when gcc is missing.
/// </summary>
public static class NativeProgram
{
    /// <summary>Compiles <paramref name="source"/> with gcc and the given flags; returns the executable's path.</summary>
    public static string Compile(TempDirectory dir, string name, string source, params string[] flags)
        => CompileWith("gcc", dir, name, source, flags);

    /// <summary>Same as <see cref="Compile"/> with another C compiler driver (musl-gcc).</summary>
    public static string CompileWith(string compiler, TempDirectory dir, string name, string source, params string[] flags)
    {
        HostRequirements.RequireCommand(compiler, compiler == "gcc" ? "gcc" : "musl-tools");
        var src = dir.Combine(name + ".c");
        var exe = dir.Combine(name);
        File.WriteAllText(src, source);
        var result = Run(compiler, [.. flags, "-o", exe, src]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{compiler} failed ({result.ExitCode}): {result.Stderr}");
        }

        return exe;
    }

    /// <summary>Compiles and runs a program that prints "key value" lines; returns them as a dictionary.</summary>
    public static Dictionary<string, ulong> RunKeyValues(string source)
    {
        using var dir = new TempDirectory("flint-probe");
        var exe = Compile(dir, "probe", source, "-O0");
        var result = Run(exe, []);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"probe failed ({result.ExitCode}): {result.Stderr}");
        }

        var values = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = line.LastIndexOf(' ');
            values[line[..space]] = ulong.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }

        return values;
    }

    /// <summary>Runs a process to completion and captures its output.</summary>
    public static ProcessResult Run(string fileName, IEnumerable<string> args, IDictionary<string, string>? env = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        if (env is not null)
        {
            info.Environment.Clear();
            foreach (var (key, value) in env)
            {
                info.Environment[key] = value;
            }
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start " + fileName);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout, stderr.GetAwaiter().GetResult());
    }
}
