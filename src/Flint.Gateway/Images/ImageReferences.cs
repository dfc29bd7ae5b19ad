using Flint.Gateway.Store;
using Flint.Images;
using Flint.Images.Registry;

namespace Flint.Gateway.Images;

/// <summary>
/// Turns the <c>image</c> a deploy names into the digest of a stored image: an uploaded image by
/// digest, an image in a registry by reference (<c>localhost:5000/hello:latest</c>, pulled now), or
/// (for local set-ups) a path under one of <see cref="GatewayOptions.ImageRoots"/>, either an image
/// directory or a tag in an OCI layout (<c>oci:/path/to/layout:tag</c>), which is copied into the
/// store now so that later changes on disk cannot change the function.
/// </summary>
internal sealed class ImageReferences
{
    private readonly ImageStore _store;
    private readonly RegistryPuller _puller;
    private readonly ImageCollector _collector;
    private readonly IReadOnlyList<string> _roots;

    public ImageReferences(ImageStore store, RegistryPuller puller, ImageCollector collector, GatewayOptions options)
    {
        _store = store;
        _puller = puller;
        _collector = collector;
        _roots = [.. options.ImageRoots.Select(HostPaths.Resolve)];
    }

    public async Task<(string? Digest, ApiError? Error)> ResolveAsync(string image, CancellationToken cancellationToken)
    {
        if (image.StartsWith("sha256:", StringComparison.Ordinal))
        {
            return FromStore(image);
        }

        if (LayoutReference.IsLayout(image))
        {
            return await FromLayoutAsync(image, cancellationToken);
        }

        if (ImageReference.TryParse(image, out var reference))
        {
            return await FromRegistryAsync(reference, cancellationToken);
        }

        if (!Path.IsPathFullyQualified(image))
        {
            return Refused(StatusCodes.Status400BadRequest,
                $"image '{image}' is neither an uploaded image (sha256:<manifest digest>, from POST /system/images), a registry reference with its registry (localhost:5000/hello:latest), a tag in an OCI layout (oci:/path/to/layout:tag) nor an absolute path; 'flint deploy --image DIR' uploads a local image");
        }

        return FromHost(image);
    }

    private async Task<(string?, ApiError?)> FromRegistryAsync(ImageReference reference, CancellationToken cancellationToken)
    {
        try
        {
            return (await _puller.PullAsync(reference, cancellationToken), null);
        }
        catch (IOException e) when (DataDirectoryWrite.IsRefusal(e))
        {
            return (null, DataDirectoryWrite.Refused($"image '{reference}'", e));
        }
        catch (Exception e) when (e is ImageException or IOException or UnauthorizedAccessException)
        {
            return Refused(StatusCodes.Status502BadGateway, $"image '{reference}' could not be pulled: {e.Message}");
        }
    }

    private async Task<(string?, ApiError?)> FromLayoutAsync(string image, CancellationToken cancellationToken)
    {
        if (!LayoutReference.TryParse(image, out var reference))
        {
            return Refused(StatusCodes.Status400BadRequest, $"image '{image}' is not oci:<absolute path of an OCI layout>:<tag>");
        }

        if (!IsAllowed(reference.Path))
        {
            return OutsideRoots(image);
        }

        try
        {
            return (await _puller.CopyAsync(reference, cancellationToken), null);
        }
        catch (Exception e) when (e is ImageException or IOException or UnauthorizedAccessException)
        {
            return Refused(StatusCodes.Status400BadRequest, $"image '{image}' could not be read: {e.Message}");
        }
    }

    private (string?, ApiError?) FromStore(string digest)
    {
        try
        {
            return _collector.Keep(() => _store.Contains(digest) ? digest : null) is not null
                ? (digest, null)
                : Refused(StatusCodes.Status400BadRequest, $"image {digest} has not been uploaded to this gateway (POST /system/images)");
        }
        catch (ImageException e)
        {
            return Refused(StatusCodes.Status400BadRequest, $"image: {e.Message}");
        }
    }

    private (string?, ApiError?) FromHost(string path)
    {
        try
        {
            if (!IsAllowed(path))
            {
                return OutsideRoots(path);
            }

            var layout = FunctionImage.Load(path).LayoutDirectory;
            return IsAllowed(layout) ? Store(path, layout) : OutsideRoots(path);
        }
        catch (Exception e) when (e is ImageException or IOException or UnauthorizedAccessException)
        {
            return Refused(StatusCodes.Status400BadRequest, $"image '{path}': {e.Message}");
        }
    }

    /// <summary>Copies a readable image into the data directory; failing to write there is the gateway's trouble (507 when full, else 503), not the request's.</summary>
    private (string?, ApiError?) Store(string path, string layout)
    {
        try
        {
            return (_collector.Keep(() => _store.Add(layout)), null);
        }
        catch (IOException e)
        {
            return (null, DataDirectoryWrite.Refused($"image '{path}'", e));
        }
    }

    private bool IsAllowed(string path)
    {
        var resolved = HostPaths.Resolve(path);
        return _roots.Any(root => HostPaths.IsUnder(resolved, root));
    }

    private (string?, ApiError?) OutsideRoots(string path) => Refused(
        StatusCodes.Status403Forbidden,
        $"image '{path}' is a path on the gateway's host outside the directories it reads images from ({(_roots.Count == 0 ? "none: start it with 'flint up --images DIR' to allow one" : string.Join(", ", _roots))}); upload the image instead (POST /system/images, as 'flint deploy --image DIR' does)");

    private static (string?, ApiError?) Refused(int status, string message) => (null, new ApiError(status, message));
}
