using Flint.Images;
using Flint.Runtimes.Tests.Process;
using Flint.Runtimes.Vm;
using Flint.Testing;

namespace Flint.Runtimes.Tests.Vm;

/// <summary>What a vm-snapshot key covers, and how the store treats files that are not sound snapshots.</summary>
public sealed class SnapshotStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new("flint-snapshot-store");

    [Fact]
    public async Task Key_SameConfigurationOnAnotherPort_IsTheSame()
    {
        var spec = await SpecAsync();
        var one = SnapshotStore.Key(spec, new Dictionary<string, string> { ["PORT"] = "1000", ["A"] = "1" }, 256 << 20, "kvm");
        var two = SnapshotStore.Key(spec, new Dictionary<string, string> { ["A"] = "1", ["PORT"] = "2000" }, 256 << 20, "kvm");

        Assert.Equal(one, two);
        Assert.Matches("^[0-9a-f]{64}$", one);
    }

    [Fact]
    public async Task Key_EnvironmentMemoryOrPlatformChanged_Differs()
    {
        var spec = await SpecAsync();
        var environment = new Dictionary<string, string> { ["A"] = "1" };
        var key = SnapshotStore.Key(spec, environment, 256 << 20, "kvm");

        Assert.NotEqual(key, SnapshotStore.Key(spec, new Dictionary<string, string> { ["A"] = "2" }, 256 << 20, "kvm"));
        Assert.NotEqual(key, SnapshotStore.Key(spec, environment, 128 << 20, "kvm"));
        Assert.NotEqual(key, SnapshotStore.Key(spec, environment, 256 << 20, "emulated"));
    }

    [Fact]
    public void Find_FileThatIsNotASnapshot_IsDeletedAndLogged()
    {
        using var store = new SnapshotStore(_directory.Path);
        var key = new string('a', 64);
        File.WriteAllText(store.PathFor(key), "not a snapshot");
        var lines = new List<string>();

        Assert.Null(store.Find(key, lines.Add));
        Assert.False(File.Exists(store.PathFor(key)));
        Assert.Contains(lines, l => l.Contains("is not a Flint VM snapshot", StringComparison.Ordinal));
        Assert.Null(store.Find(key, lines.Add));
    }

    [Fact]
    public void TryBeginTaking_WhileTakingOrAfterARefusal_IsFalse()
    {
        using var store = new SnapshotStore(_directory.Path);

        Assert.True(store.TryBeginTaking("k"));
        Assert.False(store.TryBeginTaking("k"));
        store.EndTaking("k", new IOException("disk full"), permanent: false);
        Assert.True(store.TryBeginTaking("k"));
        store.EndTaking("k", new Flint.Vm.Snapshots.SnapshotException("fd 3 is a connected socket"), permanent: true);
        Assert.False(store.TryBeginTaking("k"));
    }

    public void Dispose() => _directory.Dispose();

    private static async Task<InstanceSpec> SpecAsync() =>
        new("test", FunctionImage.Load(await NativeTestFunctions.AnswersHelloAsync()), new Dictionary<string, string>(), ResourceLimits.None,
            TimeSpan.FromSeconds(30), new RecordingLog());
}
