using Flint.Gateway.Functions;
using Flint.Gateway.Images;
using Flint.Gateway.Logs;
using Flint.Gateway.Scaling;
using Flint.Gateway.Security;
using Flint.Gateway.Store;
using Flint.Images.Oci;
using Flint.Runtimes;
using Flint.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Flint.Gateway.Tests.Scaling;

/// <summary>
/// A scaler as the gateway builds one, over a <see cref="RecordingRuntime"/>, a fake clock and a data
/// directory that holds one image: for testing scaling policy without booting anything.
/// </summary>
internal sealed class TestScaler : IDisposable
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _data;

    public TestScaler(string name)
    {
        _data = new TempDirectory(name);
        Image = Path.Combine(_data.Path, "image");
        var executable = Path.Combine(_data.Path, "function");
        File.WriteAllBytes(executable, [0x7F, (byte)'E', (byte)'L', (byte)'F']);
        OciLayoutWriter.Write(executable, Image, "latest");
        var runtimes = new RuntimeRegistry();
        runtimes.Add(Runtime);
        Catalog = new FunctionCatalog(new FunctionStore(_data.Path), NullLogger<FunctionCatalog>.Instance);
        Options = new GatewayOptions { DataDirectory = _data.Path, AdminToken = AdminToken.Generate(), Time = Time };
        Scaler = new Scaler(Catalog, runtimes, new FunctionLogs(10), new ImageStore(_data.Path), Options, NullLogger<Scaler>.Instance);
    }

    public RecordingRuntime Runtime { get; } = new();

    public FakeTimeProvider Time { get; } = new();

    /// <summary>The image's path, for the definitions' <see cref="FunctionDefinition.Image"/>.</summary>
    public string Image { get; }

    public FunctionCatalog Catalog { get; }

    public GatewayOptions Options { get; }

    public Scaler Scaler { get; }

    /// <summary>Puts a keep-warm function of one instance on the recording runtime in the catalog.</summary>
    public FunctionDefinition Deploy(string name, int maxConcurrency = 1)
    {
        var function = new FunctionDefinition(
            name, Image, Runtime.Name, FunctionMode.KeepWarm, new Dictionary<string, string>(), ResourceLimits.None, IdleTimeout, maxConcurrency, 1, TimeSpan.FromSeconds(30));
        Catalog.Put(function);
        return function;
    }

    /// <summary>Acquires an instance, failing the test with the scaler's error when refused.</summary>
    public async Task<InstanceLease> LeaseAsync(FunctionDefinition function)
    {
        var result = await Scaler.AcquireAsync(function, TestContext.Current.CancellationToken);
        Assert.True(result.Lease is not null, result.Error?.Message);
        return result.Lease;
    }

    public void Dispose() => _data.Dispose();
}
