using System.Diagnostics;

namespace Flint.Images.Build;

/// <summary>Publishes a function project (a .csproj directory) as a NativeAOT static executable.</summary>
public static class FunctionPublisher
{
    public static async Task<string> PublishAsync(string functionDirectory, string publishDirectory, TextWriter log, CancellationToken cancellationToken)
    {
        var project = Directory.GetFiles(functionDirectory, "*.csproj") switch
        {
            [var single] => single,
            [] => throw new ImageException($"'{functionDirectory}' has no .csproj: a function is a .NET project directory"),
            _ => throw new ImageException($"'{functionDirectory}' has more than one .csproj"),
        };

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // gcc links the static executable, whatever else the host has: NativeAOT prefers clang when it is
        // installed (afl++ brings it), and then strips with llvm-objcopy, which cannot read a static glibc
        // executable's .rela.plt ("Link field value ... is not a symbol table").
        foreach (var argument in new[] { "publish", project, "-c", "Release", "-r", "linux-x64", "-o", publishDirectory, "-p:CppCompilerAndLinker=gcc", "-nologo", "-v", "quiet" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new ImageException("could not start 'dotnet publish'");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            await log.WriteAsync(await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false)).ConfigureAwait(false);
            throw new ImageException($"'dotnet publish {project}' failed with exit code {process.ExitCode}");
        }

        var executables = Directory.GetFiles(publishDirectory)
            .Where(f => Path.GetExtension(f).Length == 0 && StaticElf.LooksLikeElf(f))
            .ToArray();
        return executables switch
        {
            [var single] => single,
            [] => throw new ImageException($"'dotnet publish' of '{project}' produced no native executable: set PublishAot=true"),
            _ => throw new ImageException($"'dotnet publish' of '{project}' produced several executables: {string.Join(", ", executables.Select(Path.GetFileName))}"),
        };
    }
}
