using Flint.Gateway.Functions;

namespace Flint.Gateway.Images;

/// <summary>
/// Removes pulled images (from a registry, or from an OCI layout by tag) that no deployed function
/// names any more; the delete and update endpoints run it once the old instances are stopped. Uploaded
/// images are kept: a client uploads, then deploys in a second request. An image resolved for a deploy
/// in the last <see cref="Grace"/> is kept too, so that a deploy between resolving its image and saving
/// its function never loses the image; resolving and collecting take turns under one lock.
/// </summary>
internal sealed class ImageCollector
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    private readonly ImageStore _store;
    private readonly FunctionCatalog _catalog;
    private readonly TimeProvider _time;
    private readonly ILogger<ImageCollector> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _resolved = new(StringComparer.Ordinal);

    public ImageCollector(ImageStore store, FunctionCatalog catalog, GatewayOptions options, ILogger<ImageCollector> logger)
    {
        _store = store;
        _catalog = catalog;
        _time = options.Time;
        _logger = logger;
    }

    /// <summary>
    /// Runs <paramref name="resolve"/> (which stores an image, or finds a stored one) in turn with
    /// collection, and keeps the digest it returns through the grace period.
    /// </summary>
    public string? Keep(Func<string?> resolve)
    {
        lock (_gate)
        {
            var digest = resolve();
            if (digest is not null)
            {
                _resolved[digest] = _time.GetUtcNow();
            }

            return digest;
        }
    }

    /// <summary>Removes every pulled image no function names and none resolved within the grace; returns their digests.</summary>
    public IReadOnlyList<string> Collect()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var (digest, at) in _resolved.Where(r => now - r.Value >= Grace).ToList())
            {
                _resolved.Remove(digest);
            }

            var used = _catalog.List().Select(f => f.Image).ToHashSet(StringComparer.Ordinal);
            var unused = _store.Pulled().Where(d => !used.Contains(d) && !_resolved.ContainsKey(d)).ToList();
            foreach (var digest in unused)
            {
                try
                {
                    _store.Remove(digest);
                    GatewayLog.ImageRemoved(_logger, digest);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    GatewayLog.ImageRemoveFailed(_logger, digest, e);
                }
            }

            return unused;
        }
    }
}
