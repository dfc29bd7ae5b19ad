using Flint.Gateway;
using Flint.Gateway.Endpoints;
using Flint.Gateway.Endpoints.Deploy;
using Flint.Gateway.Functions;
using Flint.Gateway.Images;
using Flint.Gateway.Store;
using Flint.Runtimes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flint.Fuzz.Targets;

/// <summary>
/// A deploy body, as <c>POST /system/functions</c> reads it: JSON into a <see cref="DeployRequest"/>, then
/// validated (names, runtime, mode, environment, limits, durations and quantities, image reference) against
/// one always-available runtime and an image store with an empty image root (a reference naming a registry
/// host would be pulled with skopeo: the seeds name none, and a pull that fails is an error, not a crash). Refusal: an
/// <see cref="ApiError"/> returned; an exception, or neither a function nor an error, is a crash.
/// </summary>
internal sealed class DeployTarget : IFuzzTarget, IDisposable
{
    private readonly RuntimeRegistry _runtimes = new();
    private readonly ImageReferences _images;

    public DeployTarget(string scratchDirectory)
    {
        var data = Path.Combine(scratchDirectory, "data");
        var images = Directory.CreateDirectory(Path.Combine(scratchDirectory, "images")).FullName;
        _runtimes.Add(new AvailableRuntime(RuntimeNames.Process));
        var store = new ImageStore(data);
        var options = new GatewayOptions { DataDirectory = data, AdminToken = "fuzz", ImageRoots = [images] };
        var collector = new ImageCollector(store, new FunctionCatalog(new FunctionStore(data), NullLogger<FunctionCatalog>.Instance), options, NullLogger<ImageCollector>.Instance);
        _images = new ImageReferences(store, new RegistryPuller(store, collector), collector, options);
    }

    public string Name => FuzzTargets.Deploy;

    public void Run(byte[] input)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(input, writable: false);
        var (request, unreadable) = JsonBody.ReadAsync<DeployRequest>(context.Request).GetAwaiter().GetResult();
        if (unreadable is not null)
        {
            return;
        }

        var (function, invalid) = DeployValidator.ValidateAsync(request!, _runtimes, _images, CancellationToken.None).GetAwaiter().GetResult();
        if (function is null && invalid is null)
        {
            throw new InvalidOperationException("the validator returned neither a function nor an error");
        }
    }

    public void Dispose() => _runtimes.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
