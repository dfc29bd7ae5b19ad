using System.Diagnostics;
using Flint.Testing;
using Flint.Vm;

namespace Flint.Cli.Tests.Commands;

/// <summary><c>flint vm run</c> gives the guest only what it is told: no host environment, no host paths.</summary>
public sealed class VmCommandTests
{
    private const string HostInfo = """
        #include <stdio.h>
        #include <unistd.h>
        extern char **environ;
        int main(int argc, char **argv) {
            char buf[4096];
            ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
            buf[n < 0 ? 0 : n] = 0;
            printf("exe=%s\nargv0=%s\n", buf, argv[0]);
            for (char **e = environ; *e; e++) printf("env=%s\n", *e);
            return 0;
        }
        """;

    private const string BigWrite = """
        #include <stdlib.h>
        #include <string.h>
        #include <unistd.h>
        int main(void) { size_t n = 16 << 20; char *b = malloc(n); memset(b, 'A', n); return write(1, b, n) == (ssize_t)n ? 0 : 1; }
        """;

    /// <summary>Every platform this host has; the emulated one always.</summary>
    public static TheoryData<string> Platforms => [.. VmPlatform.All.Where(p => p.Available || p.Name == VmPlatform.EmulatedName).Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Run_HostEnvironmentAndPath_DoNotReachTheGuest(string platform)
    {
        using var dir = new TempDirectory("flint-vm-cli");
        var elf = NativeProgram.Compile(dir, "hostinfo", HostInfo, "-static", "-O2");
        var start = FlintProcess.StartInfo("vm", "run", elf, "--platform", platform, "--env", "GREETING=hi there", "--env", "PATH=/bin", "--timeout", "30");
        start.Environment["FLINT_HOST_SECRET"] = "must-not-leak";

        var (exit, stdout, stderr) = await FlintProcess.RunAsync(start);

        Assert.True(exit == 0, stderr);
        Assert.Equal("exe=/hostinfo\nargv0=/hostinfo\nenv=PATH=/bin\nenv=GREETING=hi there\n", stdout);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Run_NoEnvOptions_GuestGetsOnlyThePlatformPath(string platform)
    {
        using var dir = new TempDirectory("flint-vm-cli");
        var elf = NativeProgram.Compile(dir, "hostinfo", HostInfo, "-static", "-O2");

        var (exit, stdout, stderr) = await FlintProcess.RunAsync(FlintProcess.StartInfo("vm", "run", elf, "--platform", platform, "--timeout", "30"));

        Assert.True(exit == 0, stderr);
        Assert.Equal("exe=/hostinfo\nargv0=/hostinfo\nenv=PATH=/\n", stdout);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Run_StdoutNeverRead_StoppedByTimeout(string platform)
    {
        using var dir = new TempDirectory("flint-vm-cli");
        var elf = NativeProgram.Compile(dir, "bigwrite", BigWrite, "-static", "-O2");
        using var process = Process.Start(FlintProcess.StartInfo("vm", "run", elf, "--platform", platform, "--timeout", "1"))!;
        try
        {
            process.StandardInput.Close();
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);

            // Nobody reads stdout. Without a bound a regression would hang the suite; a minute turns that into a failure.
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            bound.CancelAfter(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(bound.Token);

            Assert.Equal(137, process.ExitCode);
            Assert.Equal("flint: the VM was stopped by its timeout", (await stderr).Trim());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Run_OutputToAFileSharedWithOtherWriters_LandsInOrder(string platform)
    {
        using var dir = new TempDirectory("flint-vm-cli");
        var elf = NativeProgram.Compile(dir, "hostinfo", HostInfo, "-static", "-O2");
        var output = dir.Combine("out.txt");
        var flint = FlintProcess.StartInfo();
        var script = $"{{ echo before; '{flint.FileName}' '{flint.ArgumentList[0]}' vm run --platform {platform} '{elf}'; echo after; }} > '{output}'";

        var result = NativeProgram.Run("/bin/sh", ["-c", script]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("before\nexe=/hostinfo\nargv0=/hostinfo\nenv=PATH=/\nafter\n", File.ReadAllText(output));
    }

    [Theory]
    [InlineData("NOEQUALS")]
    [InlineData("=value")]
    public async Task Run_EnvWithoutName_NamesTheBadPair(string pair)
    {
        var (exit, _, stderr) = await FlintProcess.RunAsync("vm", "run", "/nonexistent/guest", "--env", pair);

        Assert.Equal(1, exit);
        Assert.Equal($"flint: --env '{pair}' is not K=V", stderr.Trim());
    }
}
