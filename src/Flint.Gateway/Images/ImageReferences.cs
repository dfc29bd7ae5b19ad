using Flint.Gateway.Store;
using Flint.Images;
using Flint.Images.Registry;

namespace Flint.Gateway.Images;

/// <summary>
/// Turns the <c>image</c> a deploy names into the digest of a stored image: an uploaded image by
/// digest, an image in a registry by reference (<c>localhost:5000/hello:latest</c>, pulled now), or
/// (for local set-ups) a path under one of <see cref="GatewayOptions.ImageRoots"/>, which is copied
/// into the store now so that later changes on disk cannot change the function.
/// </summary>
internal sealed class ImageReferences
{
    private readonly ImageStore _store;
    private readonly RegistryPuller _puller;
    private readonly IReadOnlyList<string> _roots;

    public ImageReferences(ImageStore store, RegistryPuller puller, GatewayOptions options)
    {
        _store = store;
        _puller = puller;
        _roots = [.. options.ImageRoots.Select(HostPaths.Resolve)];
    }

    public async Task<(string? Digest, ApiError? Error)> ResolveAsync(string image, CancellationToken cancellationToken)
    {
        if (image.StartsWith("sha256:", StringComparison.Ordinal))
        {
            return FromStore(image);
        }

        if (ImageReference.TryParse(image, out var reference))
        {
            return await FromRegistryAsync(reference, cancellationToken);
        }

        if (!Path.IsPathFullyQualified(image))
        {
            return Refused(StatusCodes.Status400BadRequest,
                $"image '{image}' is neither an uploaded image (sha256:<manifest digest>, from POST /system/images), a registry reference with its registry (localhost:5000/hello:latest) nor an absolute path; 'flint deploy --image DIR' uploads a local image");
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

    private (string?, ApiError?) FromStore(string digest)
    {
        try
        {
            return _store.Contains(digest)
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
            return (_store.Add(layout), null);
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
