using Flint.Testing;

namespace Flint.Fuzz.Tests;

/// <summary>
/// A bounded run of scripts/fuzz-parsers.sh: AFL++ runs about <see cref="ExecsPerTarget"/> inputs through each
/// instrumented target (a count, not a time, so a slow machine takes longer instead of failing). The long run is
/// the script with its default of ten minutes a target.
/// </summary>
public sealed class AflSmokeTests
{
    private const int ExecsPerTarget = 2000;

    [Fact]
    public void FuzzParsers_BoundedRunOnEveryTarget_ExecutesInputsWithoutACrash()
    {
        HostRequirements.RequireCommand("afl-fuzz", "afl++");
        using var findings = new TempDirectory("flint-fuzz-findings");

        var (exitCode, stdout, stderr) = Command.Run(
            Path.Combine(FuzzInputs.Root, "scripts", "fuzz-parsers.sh"), "--execs", $"{ExecsPerTarget}", "--findings", findings.Path);

        var rows = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(cells => cells.Length == 4 && FuzzTargets.Names.Contains(cells[0]))
            .ToDictionary(cells => cells[0], cells => (Execs: long.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture), Crashes: int.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(exitCode == 0, $"fuzz-parsers.sh exited {exitCode}:\n{stdout}\n{stderr}");
        foreach (var target in FuzzTargets.Names)
        {
            Assert.True(rows.TryGetValue(target, out var row), $"no result for {target}:\n{stdout}\n{stderr}");
            Assert.True(row.Execs >= ExecsPerTarget, $"{target}: AFL ran {row.Execs} inputs, fewer than {ExecsPerTarget}");
            Assert.Equal(0, row.Crashes);
        }
    }
}
