using Flint.Images;
using Flint.Runtimes.Common;
using Flint.Runtimes.Vm;
using Flint.Vm;

namespace Flint.Runtimes.Direct;

/// <summary>
/// The image's executable run by the Flint VM monitor in this process, with no gateway: the monitor used as a
/// library, the way <c>flint vm run</c> uses it, on the same platform as the runtime of the same name (KVM
/// where it boots a guest for <c>vm</c>, the emulated CPU for <c>vm-emulated</c>) and the same default guest
/// memory. A VM needs a listening socket from its host (its guest cannot bind host ports by itself), so the
/// starter binds the instance's port and hands it over, as the runtime does.
/// </summary>
internal sealed class VmDirectStarter(string name, VmPlatformChoice platform, string stateDirectory) : IDirectStarter
{
    private readonly string _cacheDirectory = Path.Combine(stateDirectory, "images");

    public string Name => name;

    public string Command => "the monitor in process";

    public RuntimeAvailability CheckAvailability()
    {
        var platformName = VmPlatform.Name(VmPlatform.Resolve(platform));
        return VmPlatform.All.FirstOrDefault(p => p.Name == platformName) is { Available: true }
            ? RuntimeAvailability.Available
            : RuntimeAvailability.Unavailable(string.Join("; ", VmPlatform.All.Select(p => $"{p.Name}: {p.Reason}")));
    }

    public DirectInstance Prepare(FunctionImage image, int port)
    {
        ArgumentNullException.ThrowIfNull(image);
        var root = image.UnpackRootfs(_cacheDirectory);
        var id = $"direct-{name}-{port}";
        var options = new VmRunOptions
        {
            ElfPath = Path.Combine(root, image.Entrypoint[0].TrimStart('/')),
            GuestPath = "/" + image.Entrypoint[0].TrimStart('/'),
            Args = [.. image.Entrypoint.Skip(1)],
            Env = [.. InstanceEnvironment.For(DirectSpec.For(image), port).Select(e => $"{e.Key}={e.Value}")],
            RootDirectory = root,
            MemoryLimitBytes = VmRuntime.MemoryLimit(ResourceLimits.None),
            Platform = platform,
        };
        var listener = InstanceListener.Open(port);
        return new DirectInstance(id, port, new VmRun(id, options, listener), stop: null, () => Task.CompletedTask);
    }

    public Task<int> SweepAsync(CancellationToken cancellationToken) => Task.FromResult(0);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
