using Flint.Images;

namespace Flint.Runtimes.Direct;

/// <summary>
/// Starts a function image the way its runtime's own command line does, with the same isolation and no Flint
/// in between: no gateway, no readiness wait. The instance binds <c>PORT</c> itself (a VM, which cannot, is
/// handed a socket bound to it), and the caller finds out when it answers. The baseline a benchmark holds
/// Flint's cold starts against.
/// </summary>
public interface IDirectStarter : IAsyncDisposable
{
    /// <summary>The runtime this starts the image as (see <see cref="RuntimeNames"/>).</summary>
    string Name { get; }

    /// <summary>The command line it runs, in words (<c>crun run</c>), for reports.</summary>
    string Command { get; }

    RuntimeAvailability CheckAvailability();

    /// <summary>
    /// Prepares everything the command needs (unpacked rootfs, bundle) so that <see cref="DirectInstance.Launch"/>
    /// runs only the command itself. The instance will listen on 127.0.0.1:<paramref name="port"/>.
    /// </summary>
    DirectInstance Prepare(FunctionImage image, int port);

    /// <summary>Removes whatever an interrupted run left under this starter's directory (containers, bundles); returns how many.</summary>
    Task<int> SweepAsync(CancellationToken cancellationToken);
}
