using System.Text;
using Flint.Testing;

namespace Flint.Vm.Tests.Linux.FileSystem;

/// <summary>C guests that read the synthesized /proc and /sys files and the image's files, on every platform this host has.</summary>
public sealed class GuestFileSystemRunTests
{
    private const ulong MemoryLimit = 128 << 20;

    public static TheoryData<string> Platforms => VmPlatforms.All();

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_ProcAndSysFiles_AgreeWithTheLimitsAndSyscalls(string platform)
    {
        var elf = GuestPrograms.Build("procfiles");
        var (exitCode, stdout) = await Run(platform, elf, null, [MemoryLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.DoesNotContain("FAIL", stdout, StringComparison.Ordinal);
        Assert.Contains("ok meminfo MemTotal is the memory limit", stdout, StringComparison.Ordinal);
        Assert.Contains("ok online CPUs match the affinity mask", stdout, StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_ImageFiles_ReadAsNative(string platform)
    {
        using var image = CreateImage();
        var elf = GuestPrograms.Build("imagefiles");
        var native = NativeProgram.Run(elf, [image.Path]);
        Assert.Equal(0, native.ExitCode);

        var (exitCode, stdout) = await Run(platform, elf, image.Path, ["/"]);
        Assert.Equal(0, exitCode);
        Assert.Equal(native.Stdout, stdout);
        Assert.Contains("entry inner.txt", stdout, StringComparison.Ordinal);
        Assert.Contains("statx 0 size 20 regular 1", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunAsync_ImageFiles_ReadOnlyAndConfinedToTheImage(string platform)
    {
        using var image = CreateImage();
        var elf = GuestPrograms.Build("imagefiles");
        var (exitCode, stdout) = await Run(platform, elf, image.Path, ["/", "ro"]);
        Assert.Equal(0, exitCode);
        Assert.Contains("cwd /sub\n", stdout, StringComparison.Ordinal);
        Assert.Contains("write open -1 errno 30\n", stdout, StringComparison.Ordinal);
        Assert.Contains("create -1 errno 30\n", stdout, StringComparison.Ordinal);
        Assert.Contains("escape 0\n", stdout, StringComparison.Ordinal);          // "/.." is "/": the image's data.txt
        Assert.Contains("escape link -1 errno 2\n", stdout, StringComparison.Ordinal);  // the host's /etc/passwd is not there
        Assert.Contains("dev null write 1\n", stdout, StringComparison.Ordinal);
        Assert.Contains("read dir -1 errno 21\n", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(image.Path, stdout, StringComparison.Ordinal);
    }

    private static TempDirectory CreateImage()
    {
        var image = new TempDirectory("flint-image");
        File.WriteAllText(image.Combine("data.txt"), "Hello, image files!\n");
        Directory.CreateDirectory(image.Combine("sub"));
        File.WriteAllText(image.Combine("sub", "inner.txt"), "inner\n");
        File.WriteAllText(image.Combine("sub", "other.txt"), "other\n");
        File.CreateSymbolicLink(image.Combine("link"), "data.txt");
        File.CreateSymbolicLink(image.Combine("escape"), "../../../../../../etc/passwd");
        return image;
    }

    private static async Task<(int ExitCode, string Stdout)> Run(string platform, string elf, string? root, string[] args)
    {
        using var stdout = new MemoryStream();
        var result = await VmRunner.RunAsync(new VmRunOptions
        {
            ElfPath = elf,
            Args = args,
            Stdout = stdout,
            Timeout = TimeSpan.FromSeconds(30),
            Platform = VmPlatforms.Choice(platform),
            MemoryLimitBytes = MemoryLimit,
            RootDirectory = root,
        }, TestContext.Current.CancellationToken);
        Assert.Equal(platform, result.Platform);
        return (result.ExitCode, Encoding.UTF8.GetString(stdout.ToArray()));
    }
}
