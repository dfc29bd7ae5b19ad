using System.Text.Json.Nodes;
using Flint.Oci.Bundle;
using Flint.Oci.Cli;
using Flint.Vm;

namespace Flint.Oci.Tests.Bundle;

public sealed class BundlePlannerTests
{
    [Fact]
    public async Task Plan_ContainerdConfig_TakesEntryEnvLimitsAndPlatform()
    {
        using var bundle = await TestBundle.WithHelloAsync();
        bundle.Process["args"] = new JsonArray("function", "--flag");
        bundle.Process["env"] = new JsonArray("PATH=/usr/bin:/", "PORT=8123");
        bundle.Config["linux"]!["resources"] = new JsonObject
        {
            ["memory"] = new JsonObject { ["limit"] = (64L << 20) + 100 },
            ["cpu"] = new JsonObject { ["quota"] = 50000, ["period"] = 100000 },
            ["pids"] = new JsonObject { ["limit"] = 32 },
        };
        bundle.Config["annotations"] = new JsonObject { [BundlePlanner.PlatformAnnotation] = "emulated" };
        bundle.Write();

        var plan = BundlePlanner.Plan(bundle.Path, hasConsoleSocket: false);

        Assert.Equal("/function", plan.GuestPath);
        Assert.Equal(Path.Combine(bundle.Rootfs, "function"), plan.ExecutablePath);
        Assert.Equal(["--flag"], plan.Args);
        Assert.Equal(8123, plan.Port);
        Assert.Equal(64UL << 20, plan.GuestMemoryBytes);
        Assert.Equal((64L << 20) + BundlePlanner.MonitorAllowanceBytes, plan.CgroupMemoryBytes);
        Assert.Equal(50000, plan.CpuQuota);
        Assert.Equal(32, plan.PidsLimit);
        Assert.Equal(VmPlatformChoice.Emulated, plan.Platform);
        Assert.Equal([new GuestResourceLimit("RLIMIT_NOFILE", 1024, 1024)], plan.ResourceLimits);
        Assert.Equal(NetworkNamespaceRequest.Host, plan.Network);
        Assert.Contains(plan.Warnings, w => w.Contains("/etc/hosts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Plan_NetworkNamespaces_JoinByPathOrNew()
    {
        using var bundle = await TestBundle.WithHelloAsync();
        bundle.Config["linux"]!["namespaces"] = new JsonArray(new JsonObject { ["type"] = "network", ["path"] = "/var/run/netns/cni-1" });
        bundle.Write();
        Assert.Equal(new NetworkNamespaceRequest("/var/run/netns/cni-1", false), BundlePlanner.Plan(bundle.Path, false).Network);

        bundle.Config["linux"]!["namespaces"] = new JsonArray(new JsonObject { ["type"] = "network" });
        bundle.Write();
        Assert.Equal(new NetworkNamespaceRequest(null, true), BundlePlanner.Plan(bundle.Path, false).Network);
    }

    [Fact]
    public async Task Plan_DynamicExecutable_IsRefusedNamingTheInterpreter()
    {
        using var bundle = TestBundle.Empty();
        Directory.CreateDirectory(Path.Combine(bundle.Rootfs, "bin"));
        File.Copy("/bin/true", Path.Combine(bundle.Rootfs, "bin", "true"));
        bundle.Process["args"] = new JsonArray("true");
        bundle.Process["env"] = new JsonArray("PATH=/bin");
        bundle.Write();

        var error = Assert.Throws<OciException>(() => BundlePlanner.Plan(bundle.Path, false));

        Assert.Contains("/bin/true is not an executable a Flint VM can run", error.Message, StringComparison.Ordinal);
        Assert.Contains("PT_INTERP", error.Message, StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData("/missing", "exec: \"/missing\": no such file in the container's root filesystem")]
    [InlineData("missing", "exec: \"missing\": executable file not found in $PATH of the container's root filesystem")]
    [InlineData("", "process.args[0] is empty: no executable to run")]
    public async Task Plan_MissingEntryPoint_IsRefused(string entry, string message)
    {
        using var bundle = await TestBundle.WithHelloAsync();
        bundle.Process["args"] = new JsonArray(entry);
        bundle.Write();

        Assert.Equal(message, Assert.Throws<OciException>(() => BundlePlanner.Plan(bundle.Path, false)).Message);
    }

    public static TheoryData<string, string, JsonNode?, string> Refusals => new()
    {
        { "process", "terminal", true, "process.terminal is set but no --console-socket was given" },
        { "process", "args", new JsonArray(), "process.args is empty: nothing to run" },
        { "process", "cwd", "relative", "process.cwd \"relative\" is not an absolute path" },
        { "process", "cwd", "/nowhere", "process.cwd /nowhere is not a directory in the container's root filesystem" },
        { "process", "env", new JsonArray("PORT=http"), "PORT=http in process.env is not a port number (1-65535)" },
        { "process", "env", new JsonArray("PORT=70000"), "PORT=70000 in process.env is not a port number (1-65535)" },
        { "process", "rlimits", new JsonArray(new JsonObject { ["type"] = "RLIMIT_BOGUS", ["hard"] = 1, ["soft"] = 1 }), "process.rlimits: RLIMIT_BOGUS is not a Linux resource limit" },
        { "process", "rlimits", new JsonArray(new JsonObject { ["type"] = "RLIMIT_NOFILE", ["hard"] = 1, ["soft"] = 2 }), "process.rlimits: RLIMIT_NOFILE has a soft limit 2 above its hard limit 1" },
        { "root", "path", "nothere", "is not a directory" },
        { "annotations", BundlePlanner.PlatformAnnotation, "qemu", "annotation com.flint.vm.platform=qemu: use kvm, emulated or auto" },
        { "hooks", "prestart", new JsonArray(new JsonObject { ["path"] = "/bin/true" }), "hooks are not supported by flint-oci (hooks.prestart)" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Plan_FieldAVmCannotHonour_IsRefusedByName(string section, string field, JsonNode? value, string message)
    {
        using var bundle = await TestBundle.WithHelloAsync();
        if (bundle.Config[section] is not JsonObject parent)
        {
            bundle.Config[section] = parent = new JsonObject();
        }

        parent[field] = value?.DeepClone();
        bundle.Write();

        Assert.Contains(message, Assert.Throws<OciException>(() => BundlePlanner.Plan(bundle.Path, false)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_BindMountOfData_IsRefused()
    {
        using var bundle = await TestBundle.WithHelloAsync();
        bundle.Config["mounts"]!.AsArray().Add(new JsonObject { ["destination"] = "/data", ["type"] = "bind", ["source"] = "/srv/data", ["options"] = new JsonArray("rbind") });
        bundle.Write();

        var error = Assert.Throws<OciException>(() => BundlePlanner.Plan(bundle.Path, false));

        Assert.Equal("mount of /srv/data at /data (type bind) is not supported: a Flint VM sees only its image's root filesystem", error.Message);
    }

    [Theory]
    [InlineData(1L << 20, "below a Flint VM's minimum of 16 MiB")]
    [InlineData(0L, null)]
    [InlineData(4L << 30, null)]
    public async Task Plan_MemoryLimit_IsHeldToTheVmRange(long limit, string? refusal)
    {
        using var bundle = await TestBundle.WithHelloAsync();
        bundle.Config["linux"]!["resources"] = new JsonObject { ["memory"] = new JsonObject { ["limit"] = limit } };
        bundle.Write();

        if (refusal is not null)
        {
            Assert.Contains(refusal, Assert.Throws<OciException>(() => BundlePlanner.Plan(bundle.Path, false)).Message, StringComparison.Ordinal);
            return;
        }

        var plan = BundlePlanner.Plan(bundle.Path, false);
        Assert.Equal(limit == 0 ? VmRunOptions.DefaultMemoryLimitBytes : 1UL << 30, plan.GuestMemoryBytes);
        Assert.Equal(limit == 0, plan.CgroupMemoryBytes is null);
    }

    [Fact]
    public void Plan_NoConfig_SaysSo()
    {
        using var bundle = TestBundle.Empty();

        Assert.Contains("has no config.json", Assert.Throws<OciException>(() => BundlePlanner.Plan(bundle.Path, false)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ConfigNotJson_SaysSo()
    {
        using var bundle = TestBundle.Empty();
        File.WriteAllText(Path.Combine(bundle.Path, "config.json"), "{ not json");

        Assert.Contains("is not a valid OCI runtime config", Assert.Throws<OciException>(() => BundlePlanner.Plan(bundle.Path, false)).Message, StringComparison.Ordinal);
    }
}
