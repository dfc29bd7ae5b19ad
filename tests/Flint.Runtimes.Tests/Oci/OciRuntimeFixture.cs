using Flint.Images;
using Flint.Runtimes.Oci;
using Flint.Testing;

namespace Flint.Runtimes.Tests.Oci;

/// <summary>Creates an OCI runtime over a fresh state directory, skipping when the host cannot run it.</summary>
internal sealed class OciRuntimeFixture : IAsyncDisposable
{
    private readonly TempDirectory _state = new("flint-oci");

    private OciRuntimeFixture(string runtimeName)
    {
        RuntimeName = runtimeName;
        Runtime = OciRuntimes.Create(runtimeName, _state.Path);
    }

    public string RuntimeName { get; }

    public IInstanceRuntime Runtime { get; }

    public string StateDirectory => _state.Path;

    public RecordingLog Log { get; } = new();

    public static OciRuntimeFixture Create(string runtimeName)
    {
        HostRequirements.RequireRoot();
        HostRequirements.RequireCommand(runtimeName, runtimeName);
        var fixture = new OciRuntimeFixture(runtimeName);
        if (fixture.Runtime.CheckAvailability() is { IsAvailable: false, Reason: var reason })
        {
            Assert.Skip($"{runtimeName} is not available here: {reason}");
        }

        return fixture;
    }

    public InstanceSpec Spec(string functionName, FunctionImage image, ResourceLimits? limits = null, IReadOnlyDictionary<string, string>? environment = null) =>
        new(functionName, image, environment ?? new Dictionary<string, string>(), limits ?? ResourceLimits.None, TimeSpan.FromSeconds(20), Log);

    public Task<IReadOnlyList<string>> LeftoversAsync(string functionName) =>
        OciHostState.LeftoversAsync(RuntimeName, StateDirectory, $"flint-{functionName}-");

    public async ValueTask DisposeAsync()
    {
        await ((IAsyncDisposable)Runtime).DisposeAsync();
        _state.Dispose();
    }
}
