using Flint.Bench.Host;

namespace Flint.Bench.Sizes;

/// <summary>
/// Measures the "typical .NET container" row: a framework-dependent <c>dotnet publish</c> of the
/// function, the installed Microsoft.NETCore.App folder of the running version, and a minimal Debian
/// rootfs made by <c>debootstrap --variant=minbase</c> when debootstrap is installed. Slow (minutes):
/// never part of the quick mode.
/// </summary>
public static class TypicalContainerProbe
{
    public static async Task<TypicalContainerSize> MeasureAsync(string? functionSourceDirectory, string debianSuite, CancellationToken cancellationToken)
    {
        var parts = new List<SizePart>();
        var missing = new List<string>();
        var work = Directory.CreateTempSubdirectory("flint-bench-typical-").FullName;
        try
        {
            Add(parts, missing, await PublishAsync(functionSourceDirectory, Path.Combine(work, "app"), cancellationToken).ConfigureAwait(false));
            var runtimeFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            parts.Add(new SizePart($"Microsoft.NETCore.App {Environment.Version}", DiskUsage.OfDirectory(runtimeFolder)));
            Add(parts, missing, await DebootstrapAsync(debianSuite, Path.Combine(work, "rootfs"), cancellationToken).ConfigureAwait(false));
            return new TypicalContainerSize(parts, missing);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void Add(List<SizePart> parts, List<string> missing, (SizePart? Part, string? Missing) outcome)
    {
        if (outcome.Part is not null)
        {
            parts.Add(outcome.Part);
        }

        if (outcome.Missing is not null)
        {
            missing.Add(outcome.Missing);
        }
    }

    private static async Task<(SizePart?, string?)> PublishAsync(string? source, string output, CancellationToken cancellationToken)
    {
        var project = source is null || !Directory.Exists(source) ? null : Directory.GetFiles(source, "*.csproj").FirstOrDefault();
        if (project is null)
        {
            return (null, "framework-dependent app: no function project directory given");
        }

        string[] arguments = ["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
            "-p:PublishAot=false", "-p:StaticExecutable=false", "-p:PublishTrimmed=false", "-o", output, "-nologo", "-v", "quiet"];
        var result = await HostCommand.RunAsync("dotnet", arguments, cancellationToken).ConfigureAwait(false);
        return result is { ExitCode: 0 }
            ? (new SizePart("framework-dependent app", DiskUsage.OfDirectory(output)), null)
            : (null, $"framework-dependent app: dotnet publish failed ({result?.Stderr.Trim() ?? "dotnet not found"})");
    }

    private static async Task<(SizePart?, string?)> DebootstrapAsync(string suite, string target, CancellationToken cancellationToken)
    {
        if (ExecutableSearch.Find("debootstrap") is null)
        {
            return (null, "Debian rootfs: debootstrap is not installed (Debian package debootstrap)");
        }

        var result = await HostCommand.RunAsync("debootstrap", ["--variant=minbase", suite, target], cancellationToken).ConfigureAwait(false);
        return result is { ExitCode: 0 }
            ? (new SizePart($"Debian {suite} minbase rootfs", DiskUsage.OfDirectory(target)), null)
            : (null, $"Debian rootfs: debootstrap failed ({LastLine(result?.Stderr)})");
    }

    private static string LastLine(string? text) =>
        text?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no output";
}
