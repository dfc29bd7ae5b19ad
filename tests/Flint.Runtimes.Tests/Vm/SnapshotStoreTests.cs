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

    [Fact]
    public async Task Key_NullArguments_ThrowNamingThem()
    {
        var spec = await SpecAsync();

        Assert.Equal("spec", Assert.Throws<ArgumentNullException>(() => SnapshotStore.Key(null!, new Dictionary<string, string>(), 0, "kvm")).ParamName);
        Assert.Equal("environment", Assert.Throws<ArgumentNullException>(() => SnapshotStore.Key(spec, null!, 0, "kvm")).ParamName);
    }

    [Fact]
    public void PathFor_Key_IsASnapFileInTheDirectory()
    {
        using var store = new SnapshotStore(_directory.Path);

        Assert.Equal(Path.Combine(_directory.Path, "k.snap"), store.PathFor("k"));
    }

    [Fact]
    public void Find_NoFile_IsNullAndLogsNothing()
    {
        using var store = new SnapshotStore(_directory.Path);
        var lines = new List<string>();

        Assert.Null(store.Find(new string('b', 64), lines.Add));
        Assert.Empty(lines);
        Assert.Throws<ArgumentNullException>(() => store.Find(new string('b', 64), null!));
    }

    [Fact]
    public void Discard_KeyWithAFile_DeletesIt()
    {
        using var store = new SnapshotStore(_directory.Path);
        File.WriteAllText(store.PathFor("k"), "stale");

        store.Discard("k");

        Assert.False(File.Exists(store.PathFor("k")));
    }

    [Fact]
    public void Discard_FileThatCannotBeDeleted_IsLeftWithoutFailing()
    {
        using var store = new SnapshotStore(_directory.Path);
        // A name longer than a file name may be: the delete fails with an I/O error (ENAMETOOLONG).
        var key = new string('c', 300);

        store.Discard(key);

        Assert.False(File.Exists(store.PathFor(key)));
    }

    public void Dispose() => _directory.Dispose();

    private static async Task<InstanceSpec> SpecAsync() =>
        new("test", FunctionImage.Load(await NativeTestFunctions.AnswersHelloAsync()), new Dictionary<string, string>(), ResourceLimits.None,
            TimeSpan.FromSeconds(30), new RecordingLog());
}
