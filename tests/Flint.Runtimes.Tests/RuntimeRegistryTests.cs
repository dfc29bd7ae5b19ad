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
}
