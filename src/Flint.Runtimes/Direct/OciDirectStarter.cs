using Flint.Images;
using Flint.Runtimes.Common;
using Flint.Runtimes.Oci;

namespace Flint.Runtimes.Direct;

/// <summary>
/// <c>crun run</c> / <c>runc run</c> of a bundle equivalent to the one Flint writes for an instance (the
/// same read-only rootfs, namespaces, masked paths, cgroup and mounts; the container binds <c>PORT</c> instead of
/// receiving a socket), with the runtime's own <c>--root</c> under this starter's directory. On a hybrid cgroup
/// host crun runs under the same mount mask Flint uses (<see cref="HybridCgroupMask"/>), since it refuses the host otherwise.
/// </summary>
internal sealed class OciDirectStarter : IDirectStarter
{
    private readonly OciRuntimeLayout _layout;
    private readonly OciCommandLine _commandLine;
    private readonly Lazy<RuntimeAvailability> _availability;

    public OciDirectStarter(string runtimeName, string stateDirectory)
    {
        Name = runtimeName;
        _layout = new OciRuntimeLayout(Path.GetFullPath(stateDirectory), runtimeName);
        Directory.CreateDirectory(_layout.Bundles);
        var binary = HostPath.Find(runtimeName);
        var maskDirectory = runtimeName == RuntimeNames.Crun && HybridCgroupMask.IsNeeded() ? _layout.RuntimeDirectory : null;
        _availability = new Lazy<RuntimeAvailability>(() => OciAvailability.Check(runtimeName, binary, maskDirectory));
        _commandLine = new OciCommandLine(binary ?? runtimeName, _layout.StateRoot, maskDirectory);
    }

    public string Name { get; }

    public string Command => $"{Name} run";

    public RuntimeAvailability CheckAvailability() => _availability.Value;

    public DirectInstance Prepare(FunctionImage image, int port)
    {
        ArgumentNullException.ThrowIfNull(image);
        var id = ContainerIds.New($"{DirectSpec.FunctionName}-{Name}");
        var spec = DirectSpec.For(image);
        var rootfs = SharedRootfs.Prepare(image, _layout.ImageCache);
        var bundle = OciBundle.Write(_layout.Bundles, id, OciSpecFactory.Create(spec, rootfs, InstanceEnvironment.For(spec, port), OciRuntimeLayout.CgroupsPath(id)));
        try
        {
            var command = new DirectCommand(_commandLine.RunArguments(id, bundle), OciCommandLine.RunEnvironment());
            return new DirectInstance(id, port, command, () => _commandLine.KillAsync(id, "SIGKILL", CancellationToken.None), () => RemoveAsync(id, bundle));
        }
        catch
        {
            OciBundle.Remove(bundle);
            throw;
        }
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        if (!CheckAvailability().IsAvailable)
        {
            return 0;
        }

        var removed = 0;
        foreach (var id in await _commandLine.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            await _commandLine.DeleteAsync(id, force: true, cancellationToken).ConfigureAwait(false);
            removed++;
        }

        if (Directory.Exists(_layout.Bundles))
        {
            foreach (var bundle in Directory.EnumerateDirectories(_layout.Bundles))
            {
                OciBundle.Remove(bundle);
            }
        }

        return removed;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await SweepAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _commandLine.Dispose();
        }
    }

    /// <summary><c>run</c> deletes the container when it exits; a forced delete makes sure, then the bundle goes.</summary>
    private async Task RemoveAsync(string id, string bundle)
    {
        try
        {
            var delete = await _commandLine.DeleteAsync(id, force: true, CancellationToken.None).ConfigureAwait(false);
            if (!delete.Succeeded && !delete.Stderr.Contains("does not exist", StringComparison.OrdinalIgnoreCase) && !delete.Stderr.Contains("not exist", StringComparison.OrdinalIgnoreCase))
            {
                throw new OciCommandException(delete.Describe());
            }
        }
        finally
        {
            OciBundle.Remove(bundle);
        }
    }
}
