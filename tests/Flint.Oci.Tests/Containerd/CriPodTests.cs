using Flint.Oci.Bundle;
using Flint.Oci.Tests.Cri;
using Flint.Oci.Tests.Cri.Api;
using Flint.Testing;

namespace Flint.Oci.Tests.Containerd;

/// <summary>
/// The Kubernetes path without a kubelet: a pod with <c>runtimeClassName: flint</c> as the kubelet asks containerd's
/// CRI plugin for it (RunPodSandbox with the runtime handler, CreateContainer, StartContainer), on the node's
/// network. Both the pod's pause container and the function run in Flint VMs; the platform comes from the pod's
/// annotation, which the handler passes on.
/// </summary>
[Collection(ContainerdTests.Name)]
public sealed class CriPodTests(ContainerdFixture containerd)
{
    public static TheoryData<string> Platforms => CtrRunTests.Platforms;

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task RunPodSandbox_FlintHandler_RunsTheFunctionInAVmAndRemovesEverything(string platform)
    {
        if (containerd.Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }

        using var logs = new TempDirectory("flint-oci-cri-logs");
        using var cri = new CriClient(containerd.Socket);
        var ct = TestContext.Current.CancellationToken;
        var version = await cri.Runtime.VersionAsync(new VersionRequest { Version = "v1" }, cancellationToken: ct);
        Assert.Equal("v1", version.RuntimeApiVersion);

        var port = FlintOciCli.FreePort();
        var pod = new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata { Name = $"hello-{platform}", Uid = Guid.NewGuid().ToString(), Namespace = "flint-tests" },
            Hostname = "hello",
            LogDirectory = logs.Path,
            Linux = new LinuxPodSandboxConfig
            {
                SecurityContext = new LinuxSandboxSecurityContext
                {
                    NamespaceOptions = new NamespaceOption { Network = NamespaceMode.Node, Pid = NamespaceMode.Container, Ipc = NamespaceMode.Pod },
                },
            },
            Annotations = { [BundlePlanner.PlatformAnnotation] = platform },
        };
        var sandbox = (await cri.Runtime.RunPodSandboxAsync(new RunPodSandboxRequest { Config = pod, RuntimeHandler = "flint" }, cancellationToken: ct)).PodSandboxId;
        var container = (await cri.Runtime.CreateContainerAsync(new CreateContainerRequest
        {
            PodSandboxId = sandbox,
            SandboxConfig = pod,
            Config = new ContainerConfig
            {
                Metadata = new ContainerMetadata { Name = "hello" },
                Image = new ImageSpec { Image = ContainerdFixture.Image },
                Envs = { new KeyValue { Key = "PORT", Value = port.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
                LogPath = "hello.log",
                Linux = new LinuxContainerConfig { Resources = new LinuxContainerResources { MemoryLimitInBytes = 64L << 20 } },
            },
        }, cancellationToken: ct)).ContainerId;
        await cri.Runtime.StartContainerAsync(new StartContainerRequest { ContainerId = container }, cancellationToken: ct);

        using (var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
        {
            Assert.Equal("Hello from Flint!\n", await client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/"), ct));
        }

        var running = (await cri.Runtime.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = container }, cancellationToken: ct)).Status;
        Assert.Equal(ContainerState.ContainerRunning, running.State);
        var monitors = Monitors(sandbox, container);
        Assert.Equal(2, monitors.Count);
        Assert.All(monitors, m => Assert.Equal(platform, Annotation(m)));

        await cri.Runtime.StopContainerAsync(new StopContainerRequest { ContainerId = container, Timeout = 10 }, cancellationToken: ct);
        var stopped = (await cri.Runtime.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = container }, cancellationToken: ct)).Status;
        Assert.Equal(ContainerState.ContainerExited, stopped.State);
        Assert.Equal(143, stopped.ExitCode);
        await cri.Runtime.RemoveContainerAsync(new RemoveContainerRequest { ContainerId = container }, cancellationToken: ct);
        await cri.Runtime.StopPodSandboxAsync(new StopPodSandboxRequest { PodSandboxId = sandbox }, cancellationToken: ct);
        await cri.Runtime.RemovePodSandboxAsync(new RemovePodSandboxRequest { PodSandboxId = sandbox }, cancellationToken: ct);

        await Eventually.HoldsAsync(() => Monitors(sandbox, container).Count == 0);
        Assert.False(Directory.Exists($"/run/containerd/runc/{ContainerdFixture.CriNamespace}/{container}"), "flint-oci's state for the container is left");
        Assert.False(Directory.Exists($"/run/containerd/runc/{ContainerdFixture.CriNamespace}/{sandbox}"), "flint-oci's state for the pod is left");
        Assert.DoesNotContain(File.ReadAllLines(containerd.MountInfo), line => line.Contains(container, StringComparison.Ordinal) || line.Contains(sandbox, StringComparison.Ordinal));
    }

    /// <summary>The live flint-oci monitors (their command lines name the bundle, which holds the id) of the pod and the container.</summary>
    private static List<int> Monitors(params string[] ids) =>
        [.. Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && Eventually.IsLive(pid) && CommandLine(pid) is var line && line.Contains(" monitor ", StringComparison.Ordinal) && ids.Any(id => line.Contains(id, StringComparison.Ordinal)))];

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    /// <summary>The platform annotation of the container a monitor runs, from the plan create handed it.</summary>
    private static string Annotation(int pid)
    {
        var args = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
        var plan = args[Array.IndexOf(args, "--plan") + 1];
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(plan));
        return document.RootElement.GetProperty("annotations").GetProperty(BundlePlanner.PlatformAnnotation).GetString() ?? string.Empty;
    }
}
