using System.Text;

namespace Flint.Vm.Tests;

/// <summary>A guest starts in the working directory and with the resource limits its run options give (what an OCI bundle asks).</summary>
public sealed class VmStartStateTests
{
    public static TheoryData<string> Platforms => VmPlatforms.All();

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_WorkingDirectoryAndLimits_AreWhatTheGuestSees(string platform)
    {
        using var stdout = new MemoryStream();
        var result = await VmRunner.RunAsync(new VmRunOptions
        {
            ElfPath = GuestPrograms.Build("startstate"),
            WorkingDirectory = "/srv/app",
            ResourceLimits = [new GuestResourceLimit("RLIMIT_NOFILE", 512, 2048), new GuestResourceLimit("RLIMIT_CPU", 5, 10)],
            Stdout = stdout,
            Platform = VmPlatforms.Choice(platform),
        }, TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("cwd=/srv/app\nnofile=512/2048\ncpu=5/10\n", Encoding.UTF8.GetString(stdout.ToArray()));
    }

    [Fact]
    public async Task RunAsync_Defaults_StartAtRootWith1024Files()
    {
        using var stdout = new MemoryStream();
        var result = await VmRunner.RunAsync(new VmRunOptions
        {
            ElfPath = GuestPrograms.Build("startstate"),
            Stdout = stdout,
            Platform = VmPlatformChoice.Emulated,
        }, TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("cwd=/\nnofile=1024/4096\ncpu=-1/-1\n", Encoding.UTF8.GetString(stdout.ToArray()));
    }

    [Theory]
    [InlineData("RLIMIT_BOGUS", 1UL, 1UL)]
    [InlineData("RLIMIT_NOFILE", 2UL, 1UL)]
    public async Task RunAsync_BadLimit_IsRefusedBeforeBoot(string name, ulong soft, ulong hard)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => VmRunner.RunAsync(new VmRunOptions
        {
            ElfPath = GuestPrograms.Build("startstate"),
            ResourceLimits = [new GuestResourceLimit(name, soft, hard)],
        }, TestContext.Current.CancellationToken));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RelativeWorkingDirectory_IsRefused() =>
        await Assert.ThrowsAsync<ArgumentException>(() => VmRunner.RunAsync(new VmRunOptions
        {
            ElfPath = GuestPrograms.Build("startstate"),
            WorkingDirectory = "srv",
        }, TestContext.Current.CancellationToken));
}
