using Flint.Images;
using Flint.Images.Registry;

namespace Flint.Gateway.Images;

/// <summary>
/// Brings an image named by registry reference, or by tag in an OCI layout on this host, into the
/// <see cref="ImageStore"/>: skopeo copies it into a staging layout, and the store checks and keeps it
/// under its manifest digest, marked as pulled (see <see cref="ImageCollector"/>). Registry pulls are
/// cached by digest: a reference pinned to a stored digest needs no registry at all, and a tag whose
/// manifest is already stored is not copied again.
/// </summary>
internal sealed class RegistryPuller
{
    private readonly ImageStore _store;
    private readonly ImageCollector _collector;

    public RegistryPuller(ImageStore store, ImageCollector collector)
    {
        _store = store;
        _collector = collector;
    }

    /// <summary>The manifest digest of the stored image; throws <see cref="ImageException"/> when it cannot be pulled or is not the one pinned.</summary>
    public async Task<string> PullAsync(ImageReference reference, CancellationToken cancellationToken)
    {
        if (reference.Digest is { } pinned && KeepStored(pinned) is { } stored)
        {
            return stored;
        }

        var current = await Skopeo.ManifestDigestAsync(reference, cancellationToken);
        if (KeepStored(current) is { } cached)
        {
            return cached;
        }

        var digest = await StoreAsync(layout => Skopeo.PullAsync(reference, layout, cancellationToken));

        // A pinned reference must give exactly that image. (A tag may have been converted from a
        // Docker manifest to an OCI one on the way, which changes its digest; its blobs were checked.)
        if (reference.Digest is { } expected && digest != expected)
        {
            throw new ImageException($"the registry answered {reference.Text} with image {digest}, not the pinned {expected}");
        }

        return digest;
    }

    /// <summary>The manifest digest of the stored copy of the image <paramref name="reference"/> tags; throws <see cref="ImageException"/> when it cannot be read.</summary>
    public Task<string> CopyAsync(LayoutReference reference, CancellationToken cancellationToken) =>
        StoreAsync(layout => Skopeo.CopyAsync(reference, layout, cancellationToken));

    private string? KeepStored(string digest) => _collector.Keep(() => _store.Contains(digest) ? digest : null);

    private async Task<string> StoreAsync(Func<string, Task> copy)
    {
        var staging = _store.NewIncoming();
        try
        {
            var layout = Path.Combine(staging, "layout");
            await copy(layout);
            return _collector.Keep(() =>
            {
                var digest = _store.Add(layout);
                _store.MarkPulled(digest);
                return digest;
            })!;
        }
        finally
        {
            ImageStore.Discard(staging);
        }
    }
}
