using Flint.Testing;

namespace Flint.Runtimes.Tests;

public sealed class RuntimeRegistryTests
{
    [Fact]
    public async Task Add_DuplicateName_Throws()
    {
        using var cache = new TempDirectory();
        await using var registry = DefaultRuntimes.Create(new RuntimeOptions(cache.Path));

        var error = Assert.Throws<ArgumentException>(() => registry.Add(registry.Get(RuntimeNames.Process)));

        Assert.Contains("'process' is already registered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownName_ThrowsNamingTheRegisteredOnes()
    {
        using var cache = new TempDirectory();
        await using var registry = DefaultRuntimes.Create(new RuntimeOptions(cache.Path));

        var error = Assert.Throws<KeyNotFoundException>(() => registry.Get("nope"));

        Assert.Contains("registered: crun, docker, process, runc, vm", error.Message, StringComparison.Ordinal);
        Assert.False(registry.TryGet("nope", out _));
    }

    [Fact]
    public async Task Describe_DefaultRegistry_ListsProcessAsAvailable()
    {
        using var cache = new TempDirectory();
        await using var registry = DefaultRuntimes.Create(new RuntimeOptions(cache.Path));

        var process = Assert.Single(registry.Describe(), d => d.Name == RuntimeNames.Process);

        Assert.True(process.Availability.IsAvailable);
    }

    [Fact]
    public async Task Describe_SeveralRuntimes_NamesEachInOrderWithItsAvailability()
    {
        await using var registry = new RuntimeRegistry();
        var missing = RuntimeAvailability.Unavailable("needs /dev/kvm");
        registry.Add(new StubRuntime("zeta", RuntimeAvailability.Available));
        registry.Add(new StubRuntime("alpha", missing));

        Assert.Equal(["alpha", "zeta"], registry.Names);
        Assert.Equal([new RuntimeDescription("alpha", missing), new RuntimeDescription("zeta", RuntimeAvailability.Available)], registry.Describe());
    }

    [Fact]
    public async Task DisposeAsync_DisposesEveryRuntime()
    {
        var (first, second) = (new StubRuntime("a", RuntimeAvailability.Available), new StubRuntime("b", RuntimeAvailability.Available));
        var registry = new RuntimeRegistry();
        registry.Add(first);
        registry.Add(second);

        await registry.DisposeAsync();

        Assert.True(first.Disposed);
        Assert.True(second.Disposed);
    }

    [Fact]
    public async Task Get_RegisteredName_ReturnsThatRuntime()
    {
        await using var registry = new RuntimeRegistry();
        var runtime = new StubRuntime("a", RuntimeAvailability.Available);
        registry.Add(runtime);

        Assert.Same(runtime, registry.Get("a"));
        Assert.True(registry.TryGet("a", out var found));
        Assert.Same(runtime, found);
        Assert.Throws<ArgumentNullException>(() => registry.Add(null!));
    }
}
