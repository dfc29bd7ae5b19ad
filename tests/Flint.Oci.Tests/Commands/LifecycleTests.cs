using System.Text.Json;
using System.Text.Json.Nodes;
using Flint.Oci.Bundle;
using Flint.Testing;
using Flint.Vm;

namespace Flint.Oci.Tests.Commands;

/// <summary>create, start, state, kill and delete through the flint-oci executable, as containerd's shim drives them.</summary>
public sealed class LifecycleTests : IDisposable
{
    private const string CgroupParent = "flint-oci-tests";

    public static TheoryData<string> Platforms => [.. VmPlatform.All.Where(p => p.Available || p.Name == VmPlatform.EmulatedName).Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Lifecycle_CreateStartKillDelete_ServesHttpAndLeavesNothing(string platform)
    {
        HostRequirements.RequireRoot();
        using var bundle = await TestBundle.WithHelloAsync();
        using var oci = new FlintOciCli();
        var id = "life-" + platform;
        var port = FlintOciCli.FreePort();
        bundle.Process["env"] = new JsonArray("PATH=/", $"PORT={port}");
        bundle.Config["annotations"] = new JsonObject { [BundlePlanner.PlatformAnnotation] = platform };
        bundle.Config["linux"]!["cgroupsPath"] = $"/{CgroupParent}/{id}";
        bundle.Config["linux"]!["resources"] = new JsonObject { ["memory"] = new JsonObject { ["limit"] = 64L << 20 } };
        bundle.Write();
        var pidFile = Path.Combine(bundle.Path, "init.pid");

        var created = oci.Run("create", "--bundle", bundle.Path, "--pid-file", pidFile, id);
        Assert.True(created.ExitCode == 0, created.Stderr + (File.Exists(oci.LogPath) ? File.ReadAllText(oci.LogPath) : ""));
        var pid = int.Parse(File.ReadAllText(pidFile), System.Globalization.CultureInfo.InvariantCulture);
        var state = oci.State(id);
        AssertOciState(state, id, "created", bundle.Path);
        Assert.Equal(pid, state.GetProperty("pid").GetInt32());
        var cgroup = Cgroup(id);
        if (cgroup is not null)
        {
            Assert.Contains(pid.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllLines(Path.Combine(cgroup, "cgroup.procs")));
            Assert.Equal((64L << 20) + BundlePlanner.MonitorAllowanceBytes, long.Parse(File.ReadAllText(Path.Combine(cgroup, "memory.limit_in_bytes")).Trim(), System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(0, oci.Run("start", id).ExitCode);
        Assert.Equal("running", oci.State(id).GetProperty("status").GetString());
        using (var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
        {
            Assert.Equal("Hello from C!\n", await client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/"), TestContext.Current.CancellationToken));
        }

        Assert.Equal(1, oci.Run("delete", id).ExitCode);
        Assert.Equal($"cannot delete container {id} that is not stopped: running", oci.LastError());
        Assert.Equal(1, oci.Run("start", id).ExitCode);
        Assert.Equal("cannot start an already running container", oci.LastError());

        Assert.Equal(0, oci.Run("kill", id, "TERM").ExitCode);
        await Eventually.HoldsAsync(() => oci.State(id).GetProperty("status").GetString() == "stopped");
        Assert.Equal(0, oci.State(id).GetProperty("pid").GetInt32());
        Assert.False(Eventually.IsLive(pid), "the monitor outlived SIGTERM");
        Assert.Equal(1, oci.Run("kill", id, "KILL").ExitCode);
        Assert.Equal("container not running", oci.LastError());

        Assert.Equal(0, oci.Run("delete", id).ExitCode);
        Assert.False(Directory.Exists(Path.Combine(oci.Root, id)), "the container's state directory is left");
        Assert.True(cgroup is null || !Directory.Exists(cgroup), "the container's cgroup is left");
        Assert.Equal(1, oci.Run("state", id).ExitCode);
        Assert.Equal($"container \"{id}\" does not exist", oci.LastError());
    }

    /// <summary>The tests' shared cgroup parents go once empty (flint-oci leaves parents, as runc does; flint-oci/ is its default).</summary>
    public void Dispose()
    {
        EmptyCgroupParents.Remove(CgroupParent);
        EmptyCgroupParents.Remove("flint-oci");
    }

    [Fact]
    public void Create_DynamicExecutable_FailsInTheJsonLogAndLeavesNothing()
    {
        using var bundle = TestBundle.Empty();
        using var oci = new FlintOciCli();
        Directory.CreateDirectory(Path.Combine(bundle.Rootfs, "bin"));
        File.Copy("/bin/true", Path.Combine(bundle.Rootfs, "bin", "true"));
        bundle.Process["args"] = new JsonArray("/bin/true");
        bundle.Write();

        var result = oci.Run("create", "--bundle", bundle.Path, "dyn");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("dynamically linked executables are not supported", oci.LastError(), StringComparison.Ordinal);
        Assert.Contains("dynamically linked executables are not supported", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(oci.Root, "dyn")));
    }

    [Fact]
    public async Task Create_PortInUse_FailsAtCreateNamingThePort()
    {
        HostRequirements.RequireRoot();
        using var bundle = await TestBundle.WithHelloAsync();
        using var oci = new FlintOciCli();
        using var taken = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        taken.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Any, 0));
        taken.Listen();
        var port = ((System.Net.IPEndPoint)taken.LocalEndPoint!).Port;
        bundle.Process["env"] = new JsonArray($"PORT={port}");
        bundle.Write();

        Assert.Equal(1, oci.Run("create", "--bundle", bundle.Path, "busy").ExitCode);
        Assert.Contains($"could not listen on port {port}", oci.LastError(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(oci.Root, "busy")));
    }

    [Fact]
    public async Task Create_ExistingId_IsRefused_AndDeleteOfCreatedKillsItsMonitor()
    {
        HostRequirements.RequireRoot();
        using var bundle = await TestBundle.WithHelloAsync();
        using var oci = new FlintOciCli();
        bundle.Write();

        Assert.Equal(0, oci.Run("create", "--bundle", bundle.Path, "twice").ExitCode);
        var pid = oci.State("twice").GetProperty("pid").GetInt32();
        Assert.Equal(1, oci.Run("create", "--bundle", bundle.Path, "twice").ExitCode);
        Assert.Equal("container with id exists: twice", oci.LastError());

        Assert.Equal(0, oci.Run("delete", "twice").ExitCode);
        await Eventually.HoldsAsync(() => !Eventually.IsLive(pid));
        Assert.False(Directory.Exists(Path.Combine(oci.Root, "twice")));
    }

    [Fact]
    public async Task Delete_ForceRunning_KillsAndRemoves()
    {
        HostRequirements.RequireRoot();
        using var bundle = await TestBundle.WithHelloAsync();
        using var oci = new FlintOciCli();
        bundle.Config["annotations"] = new JsonObject { [BundlePlanner.PlatformAnnotation] = VmPlatform.EmulatedName };
        bundle.Write();
        Assert.Equal(0, oci.Run("create", "--bundle", bundle.Path, "forced").ExitCode);
        var pid = oci.State("forced").GetProperty("pid").GetInt32();
        Assert.Equal(0, oci.Run("start", "forced").ExitCode);

        Assert.Equal(0, oci.Run("delete", "--force", "forced").ExitCode);

        Assert.False(Eventually.IsLive(pid), "the monitor survived delete --force");
        Assert.False(Directory.Exists(Path.Combine(oci.Root, "forced")));
    }

    [Theory]
    [InlineData("state")]
    [InlineData("start")]
    [InlineData("kill")]
    [InlineData("delete")]
    public void Command_UnknownId_SaysItDoesNotExist(string command)
    {
        using var oci = new FlintOciCli();

        Assert.Equal(1, oci.Run(command, "nobody").ExitCode);
        Assert.Equal("container \"nobody\" does not exist", oci.LastError());
    }

    [Fact]
    public void Delete_ForceUnknownId_Succeeds()
    {
        using var oci = new FlintOciCli();

        Assert.Equal(0, oci.Run("delete", "--force", "nobody").ExitCode);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    public void Create_IdWithPathCharacters_IsRefused(string id)
    {
        using var bundle = TestBundle.Empty();
        using var oci = new FlintOciCli();

        Assert.Equal(1, oci.Run("create", "--bundle", bundle.Path, id).ExitCode);
        Assert.StartsWith($"invalid container id \"{id}\"", oci.LastError(), StringComparison.Ordinal);
    }

    [Fact]
    public void Features_IsTheSpecDocument()
    {
        using var oci = new FlintOciCli();

        var result = oci.Run("features");

        Assert.Equal(0, result.ExitCode);
        var features = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("1.0.0", features.GetProperty("ociVersionMin").GetString());
        Assert.Equal("1.2.0", features.GetProperty("ociVersionMax").GetString());
        Assert.Equal(["network"], features.GetProperty("linux").GetProperty("namespaces").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Version_NamesRuntimeAndSpec()
    {
        using var oci = new FlintOciCli();

        var result = oci.Run("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^flint-oci version \S+\nspec: 1\.2\.0\n$", result.Stdout);
    }

    [Fact]
    public void UnsupportedCommand_IsNamed()
    {
        using var oci = new FlintOciCli();

        Assert.Equal(1, oci.Run("exec", "x").ExitCode);
        Assert.Equal("flint-oci does not support \"exec\"", oci.LastError());
    }

    /// <summary>The OCI runtime spec's state schema: required ociVersion, id, status, bundle; pid while created or running.</summary>
    private static void AssertOciState(JsonElement state, string id, string status, string bundle)
    {
        Assert.Equal(JsonValueKind.String, state.GetProperty("ociVersion").ValueKind);
        Assert.Equal(id, state.GetProperty("id").GetString());
        Assert.Equal(status, state.GetProperty("status").GetString());
        Assert.Contains(state.GetProperty("status").GetString(), (string[])["creating", "created", "running", "stopped"]);
        Assert.True(state.GetProperty("pid").GetInt32() > 0);
        Assert.Equal(bundle, state.GetProperty("bundle").GetString());
        Assert.Equal(JsonValueKind.Object, state.GetProperty("annotations").ValueKind);
    }

    private static string? Cgroup(string id)
    {
        var v1 = $"/sys/fs/cgroup/memory/{CgroupParent}/{id}";
        return Directory.Exists("/sys/fs/cgroup/memory") ? v1 : null;
    }
}
