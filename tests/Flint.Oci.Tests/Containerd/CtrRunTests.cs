using System.Globalization;
using Flint.Oci.Bundle;
using Flint.Testing;
using Flint.Vm;

namespace Flint.Oci.Tests.Containerd;

/// <summary>
/// containerd runs the hello function's OCI image with flint-oci as its runc binary (<c>ctr run --runc-binary</c>,
/// through the io.containerd.runc.v2 shim), on every VM platform this host has: the function answers HTTP, its
/// output reaches the shim, and kill and delete leave no process, mount, cgroup or state behind.
/// </summary>
[Collection(ContainerdTests.Name)]
public sealed class CtrRunTests(ContainerdFixture containerd)
{
    public static TheoryData<string> Platforms => Commands.LifecycleTests.Platforms;

    /// <summary>The installed, NativeAOT flint-oci (scripts/setup.sh puts it on the PATH), else the one built next to the tests.</summary>
    private static string Runtime => HostRequirements.FindOnPath("flint-oci") ?? FlintOciCli.Executable;

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task CtrRun_Hello_AnswersHttpAndKillDeleteLeaveNothing(string platform)
    {
        SkipIfUnavailable();
        var id = $"hello-{platform}";
        var port = FlintOciCli.FreePort();

        var (pid, log) = Run(id, ContainerdFixture.Image, platform, port);
        using (var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
        {
            Assert.Equal("Hello from Flint!\n", await GetWithRetryAsync(client, port));
        }

        var kill = containerd.Ctr("task", "kill", id);
        Assert.True(kill.ExitCode == 0, kill.Stderr);
        await Eventually.HoldsAsync(() => TaskStatus(id) == "STOPPED");
        AssertDeleted(id, pid);
        File.Delete(log);
    }

    [Fact]
    public async Task CtrRun_GuestOutput_ReachesTheShimsLog()
    {
        SkipIfUnavailable();
        const string id = "talking";
        var port = FlintOciCli.FreePort();

        var (pid, log) = Run(id, ContainerdFixture.TalkingImage, VmPlatform.EmulatedName, port);
        using (var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
        {
            Assert.Equal("Hello from C!\n", await GetWithRetryAsync(client, port));
        }

        await Eventually.HoldsAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("answered", StringComparison.Ordinal));
        Assert.Equal(0, containerd.Ctr("task", "kill", "--signal", "SIGKILL", id).ExitCode);
        await Eventually.HoldsAsync(() => TaskStatus(id) == "STOPPED");
        AssertDeleted(id, pid);
        File.Delete(log);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public void CtrRun_GuestExits_TheTaskEndsWithItsStatusAndItsStandardError(string platform)
    {
        SkipIfUnavailable();
        var id = $"exits-{platform}";

        // In the foreground: ctr waits for the task and exits with its status; the guest's stderr is ctr's.
        var result = containerd.Ctr(
            "run", "--rm", "--runc-binary", Runtime, "--net-host", "--annotation", $"{BundlePlanner.PlatformAnnotation}={platform}",
            ContainerdFixture.ExitingImage, id);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("flint-test: giving up at once", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(id, containerd.Ctr("containers", "ls", "-q").Stdout.Split('\n'));
        Assert.False(Directory.Exists($"/run/containerd/runc/{ContainerdFixture.Namespace}/{id}"), "flint-oci's state for the container is left");
    }

    [Fact]
    public void CtrRun_DynamicExecutable_IsRefusedWithFlintOcisMessage()
    {
        SkipIfUnavailable();

        // /bin/true from the host's own root filesystem: a dynamically linked executable (--rootfs: no image).
        var result = containerd.Ctr("run", "--rm", "--runc-binary", Runtime, "--net-host", "--rootfs", "/", "dynamic", "/bin/true");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("dynamically linked executables are not supported", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("dynamic", containerd.Ctr("containers", "ls", "-q").Stdout.Split('\n'));
    }

    private (int Pid, string Log) Run(string id, string image, string platform, int port)
    {
        var log = Path.Combine(Path.GetTempPath(), $"flint-oci-{id}.log");
        var run = containerd.Ctr(
            "run", "-d", "--runc-binary", Runtime, "--net-host", "--log-uri", $"file://{log}",
            "--env", $"PORT={port}", "--annotation", $"{BundlePlanner.PlatformAnnotation}={platform}", image, id);
        Assert.True(run.ExitCode == 0, $"ctr run failed: {run.Stderr}");
        var pid = int.Parse(TaskColumn(id, 1), CultureInfo.InvariantCulture);
        Assert.Equal("RUNNING", TaskStatus(id));
        Assert.Contains(File.ReadAllLines(containerd.MountInfo), line => line.Contains($"/{id}/rootfs", StringComparison.Ordinal));
        return (pid, log);
    }

    private void AssertDeleted(string id, int pid)
    {
        var delete = containerd.Ctr("task", "delete", id);
        Assert.True(delete.ExitCode == 0, delete.Stderr);
        Assert.Equal(0, containerd.Ctr("containers", "delete", id).ExitCode);

        Assert.False(Eventually.IsLive(pid), $"the monitor {pid} is still alive");
        Assert.DoesNotContain(File.ReadAllLines(containerd.MountInfo), line => line.Contains($"/{id}/", StringComparison.Ordinal));
        Assert.False(Directory.Exists($"/run/containerd/runc/{ContainerdFixture.Namespace}/{id}"), "flint-oci's state for the container is left");
        Assert.False(Directory.Exists($"/sys/fs/cgroup/memory/{ContainerdFixture.Namespace}/{id}"), "the container's cgroup is left");
        Assert.False(Directory.Exists($"/sys/fs/cgroup/{ContainerdFixture.Namespace}/{id}"), "the container's cgroup is left");
    }

    private void SkipIfUnavailable()
    {
        if (containerd.Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    private string TaskStatus(string id) => TaskColumn(id, 2);

    private string TaskColumn(string id, int column)
    {
        var line = containerd.Ctr("task", "ls").Stdout.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .FirstOrDefault(f => f.Length > column && f[0] == id);
        return line?[column] ?? string.Empty;
    }

    private static async Task<string> GetWithRetryAsync(HttpClient client, int port)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/"), TestContext.Current.CancellationToken);
            }
            catch (HttpRequestException) when (attempt < 100)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }
    }
}
