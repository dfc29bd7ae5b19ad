using System.Text;

namespace Flint.Vm.Tests;

/// <summary>Runs a guest program to its end in a Flint VM on one platform and returns what it printed.</summary>
internal static class GuestRun
{
    public static async Task<(VmRunResult Result, string Stdout, string Stderr)> RunAsync(string platform, string elf, string[]? args = null, TimeSpan? timeout = null)
    {
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var options = new VmRunOptions
        {
            ElfPath = elf,
            Args = args ?? [],
            Stdout = stdout,
            Stderr = stderr,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
            Platform = VmPlatforms.Choice(platform),
        };
        var result = await VmRunner.RunAsync(options, TestContext.Current.CancellationToken);
        Assert.Equal(platform, result.Platform);
        return (result, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }
}
