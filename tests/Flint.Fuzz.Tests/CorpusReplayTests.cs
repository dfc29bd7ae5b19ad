using Flint.Testing;

namespace Flint.Fuzz.Tests;

/// <summary>
/// Every kept input replayed through the same target code the fuzzer runs, in-process and without AFL:
/// each must end in the parser's documented refusal or a success, never another exception.
/// </summary>
public sealed class CorpusReplayTests
{
    [Theory]
    [MemberData(nameof(FuzzInputs.Seeds), MemberType = typeof(FuzzInputs))]
    public void Run_SeedInput_ParsesOrRefuses(string target, string input) => Replay(target, input);

    [Theory]
    [MemberData(nameof(FuzzInputs.Regressions), MemberType = typeof(FuzzInputs))]
    public void Run_InputThatOnceCrashed_ParsesOrRefuses(string target, string input) => Replay(target, input);

    [Fact]
    public void Corpus_EveryTarget_HasSeeds()
    {
        var seeded = FuzzInputs.Seeds().Select(row => row.Data.Item1).ToHashSet();

        Assert.Equal(FuzzTargets.Names.Order(), seeded.Order());
    }

    private static void Replay(string target, string input)
    {
        using var scratch = new TempDirectory("flint-fuzz");
        var fuzzTarget = FuzzTargets.Create(target, scratch.Path);
        Assert.NotNull(fuzzTarget);
        try
        {
            fuzzTarget.Run(File.ReadAllBytes(Path.Combine(FuzzInputs.Root, input)));
        }
        finally
        {
            (fuzzTarget as IDisposable)?.Dispose();
        }
    }
}
