using Flint.Testing;

namespace Flint.Oci.Tests.Containerd;

/// <summary>
/// Debian's containerd, started by the project's script when it is not running (and stopped again after), with
/// the hello function's OCI image imported into a namespace of its own.
/// </summary>
public sealed class ContainerdFixture : IAsyncLifetime
{
    public const string Namespace = "flint-tests";

    /// <summary>The namespace containerd's CRI plugin keeps its images and containers in.</summary>
    public const string CriNamespace = "k8s.io";

    /// <summary>The CRI plugin's pause image as scripts/containerd.sh configures it: a static program that waits.</summary>
    public const string PauseImage = "localhost/flint/pause:pause";
    public const string Image = "localhost/flint-tests/hello:hello";

    /// <summary>The tests' C server, which prints "answered" on standard output after each request.</summary>
    public const string TalkingImage = "localhost/flint-tests/answers-hello:answers-hello";

    /// <summary>The tests' C program that prints a line on standard error and exits with status 3.</summary>
    public const string ExitingImage = "localhost/flint-tests/exits-at-once:exits-at-once";
    private static readonly string Script = Path.Combine(ReferenceFunctions.RepositoryRoot, "scripts", "containerd.sh");
    private bool _started;

    public string Socket { get; private set; } = string.Empty;

    /// <summary>
    /// The mount table containerd (and so every shim and runtime it starts) sees: its own on a hybrid cgroup
    /// host, where scripts/containerd.sh gives it a private mount namespace.
    /// </summary>
    public string MountInfo { get; private set; } = "/proc/self/mountinfo";

    /// <summary>Why the tests cannot run here, or null.</summary>
    public string? Unavailable { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (Environment.UserName != "root")
        {
            Unavailable = "needs root";
            return;
        }

        if (HostRequirements.FindOnPath("containerd") is null || HostRequirements.FindOnPath("ctr") is null)
        {
            Unavailable = "needs containerd and ctr (Debian package containerd; scripts/setup.sh installs it)";
            return;
        }

        Socket = Command.Run(Script, "socket").Stdout.Trim();
        if (Command.Run(Script, "status").ExitCode != 0)
        {
            var start = Command.Run(Script, "start");
            Assert.True(start.ExitCode == 0, $"scripts/containerd.sh start failed: {start.Stdout}{start.Stderr}");
            _started = true;
        }

        if (int.TryParse(Command.Run(Script, "pid").Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture, out var pid))
        {
            MountInfo = $"/proc/{pid}/mountinfo";
        }

        Import(await ReferenceFunctions.HelloAsync(), Image);
        Import(await ReferenceFunctions.HelloAsync(), Image, CriNamespace);
        using (var pause = new TempDirectory("flint-oci-pause"))
        {
            var program = StaticPrograms.Compile(pause, "pause", "#include <poll.h>\nint main(void) { for (;;) poll(0, 0, -1); }\n");
            Flint.Images.Oci.OciLayoutWriter.Write(program, pause.Combine("image", "oci"), "pause", port: null);
            Import(pause.Combine("image"), PauseImage, CriNamespace);
        }

        Import(await NativeTestFunctions.AnswersHelloAsync(), TalkingImage);
        Import(await NativeTestFunctions.ExitsAtOnceAsync(), ExitingImage);
    }

    /// <summary><c>ctr images import</c> of a function's OCI image layout, packed as the archive ctr reads.</summary>
    private void Import(string build, string image, string space = Namespace)
    {
        using var archive = new TempDirectory("flint-oci-image");
        var tar = archive.Combine("image.tar");
        var packed = Command.Run("tar", "-C", Path.Combine(build, "oci"), "-cf", tar, ".");
        Assert.True(packed.ExitCode == 0, packed.Stderr);
        var imported = Command.Run("ctr", "--address", Socket, "--namespace", space, "images", "import", "--base-name", image.Split(':')[0], tar);
        Assert.True(imported.ExitCode == 0, $"ctr images import failed: {imported.Stderr}");
    }

    public (int ExitCode, string Stdout, string Stderr) Ctr(params string[] args) =>
        Command.Run("ctr", ["--address", Socket, "--namespace", Namespace, .. args]);

    public ValueTask DisposeAsync()
    {
        if (Unavailable is null)
        {
            Ctr("images", "rm", Image, TalkingImage, ExitingImage);
            Command.Run("ctr", "--address", Socket, "--namespace", CriNamespace, "images", "rm", Image, PauseImage);
            EmptyCgroupParents.Remove(Namespace);
            EmptyCgroupParents.Remove(CriNamespace);
            foreach (var space in (string[])[Namespace, CriNamespace])
            {
                // The shim's runc root for the namespace, empty once every container is deleted.
                try
                {
                    Directory.Delete($"/run/containerd/runc/{space}");
                }
                catch (IOException)
                {
                }
            }
        }

        if (_started)
        {
            Command.Run(Script, "stop");
        }

        return ValueTask.CompletedTask;
    }
}
