using System.Text.Json.Nodes;
using Flint.Testing;

namespace Flint.Oci.Tests;

/// <summary>
/// An OCI bundle on disk for tests: a root filesystem holding a function's static executable at /function and
/// a config.json like the one containerd writes for <c>ctr run --net-host</c>, which each test may change.
/// </summary>
internal sealed class TestBundle : IDisposable
{
    private readonly TempDirectory _directory = new("flint-oci-bundle");

    private TestBundle()
    {
        Rootfs = _directory.Combine("rootfs");
        Directory.CreateDirectory(Rootfs);
        Config = new JsonObject
        {
            ["ociVersion"] = "1.0.2-dev",
            ["process"] = new JsonObject
            {
                ["terminal"] = false,
                ["user"] = new JsonObject { ["uid"] = 0, ["gid"] = 0 },
                ["args"] = new JsonArray("/function"),
                ["env"] = new JsonArray("PATH=/usr/bin:/bin"),
                ["cwd"] = "/",
                ["rlimits"] = new JsonArray(new JsonObject { ["type"] = "RLIMIT_NOFILE", ["hard"] = 1024, ["soft"] = 1024 }),
                ["noNewPrivileges"] = true,
            },
            ["root"] = new JsonObject { ["path"] = "rootfs", ["readonly"] = true },
            ["mounts"] = new JsonArray(
                new JsonObject { ["destination"] = "/proc", ["type"] = "proc", ["source"] = "proc" },
                new JsonObject { ["destination"] = "/dev", ["type"] = "tmpfs", ["source"] = "tmpfs", ["options"] = new JsonArray("nosuid", "strictatime") },
                new JsonObject { ["destination"] = "/etc/hosts", ["type"] = "bind", ["source"] = "/etc/hosts", ["options"] = new JsonArray("rbind", "ro") }),
            ["linux"] = new JsonObject
            {
                ["namespaces"] = new JsonArray(new JsonObject { ["type"] = "pid" }, new JsonObject { ["type"] = "mount" }),
            },
        };
    }

    public string Path => _directory.Path;

    public string Rootfs { get; }

    public JsonObject Config { get; }

    public JsonObject Process => Config["process"]!.AsObject();

    /// <summary>A bundle whose /function is the tests' static HTTP server (answers "hello" on $PORT).</summary>
    public static async Task<TestBundle> WithHelloAsync()
    {
        var bundle = new TestBundle();
        var build = await NativeTestFunctions.AnswersHelloAsync();
        File.Copy(System.IO.Path.Combine(build, "answers-hello"), System.IO.Path.Combine(bundle.Rootfs, "function"));
        return bundle;
    }

    public static TestBundle Empty() => new();

    public void Write() => File.WriteAllText(System.IO.Path.Combine(Path, "config.json"), Config.ToJsonString());

    public void Dispose() => _directory.Dispose();
}
