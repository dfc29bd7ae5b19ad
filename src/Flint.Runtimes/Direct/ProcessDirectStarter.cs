using Flint.Images;
using Flint.Runtimes.Common;

namespace Flint.Runtimes.Direct;

/// <summary>
/// The image's executable exec'd directly (posix_spawn), with the image's environment and <c>PORT</c>:
/// what the <c>process</c> runtime would be with nothing of Flint's around it.
/// </summary>
internal sealed class ProcessDirectStarter(string cacheDirectory) : IDirectStarter
{
    public string Name => RuntimeNames.Process;

    public string Command => "exec";

    public RuntimeAvailability CheckAvailability() => RuntimeAvailability.Available;

    public DirectInstance Prepare(FunctionImage image, int port)
    {
        ArgumentNullException.ThrowIfNull(image);
        var executable = image.ExecutablePath(cacheDirectory);
        var environment = InstanceEnvironment.For(DirectSpec.For(image), port);
        var id = $"direct-process-{port}";
        return new DirectInstance(id, port, new DirectCommand([executable], environment, Path.GetDirectoryName(executable)), stop: null, () => Task.CompletedTask);
    }

    public Task<int> SweepAsync(CancellationToken cancellationToken) => Task.FromResult(0);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
