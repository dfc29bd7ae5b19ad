using Flint.Gateway.Images;
using Flint.Gateway.Store;
using Flint.Images;
using Flint.Images.Transfer;
using Microsoft.AspNetCore.Http.Features;

namespace Flint.Gateway.Endpoints;

/// <summary>
/// <c>POST /system/images</c>, body: an OCI image layout as a tar stream. Every blob is checked
/// against its digest and size and the image is stored content-addressed; the answer names it by
/// manifest digest, which a deploy then gives as its <c>image</c>. Refused: a body past
/// <see cref="GatewayOptions.MaxImageUploadBytes"/> (413), a digest mismatch, and tar entries that
/// are links, devices, absolute or contain <c>..</c> (400, naming the blob or entry), and a data directory
/// that cannot take the image (507 when full, 503 when read-only), which keeps nothing of it.
/// </summary>
internal static class UploadImageEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapPost("/system/images", UploadAsync);

    private static async Task<IResult> UploadAsync(HttpContext context, ImageStore store, GatewayOptions options)
    {
        var limit = options.MaxImageUploadBytes;
        if (context.Request.ContentLength > limit)
        {
            return TooLarge(limit).ToResult();
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }

        string? incoming = null;
        try
        {
            incoming = store.NewIncoming();
            await LayoutTarReader.ExtractAsync(context.Request.Body, incoming, context.RequestAborted);
            var digest = store.Add(incoming);
            return Results.Json(new UploadedImage(digest), statusCode: StatusCodes.Status201Created);
        }
        catch (ImageException e)
        {
            return new ApiError(StatusCodes.Status400BadRequest, $"image upload refused: {e.Message}").ToResult();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit).ToResult();
        }
        catch (IOException e) when (DataDirectoryWrite.IsRefusal(e))
        {
            return DataDirectoryWrite.Refused("the uploaded image", e).ToResult();
        }
        finally
        {
            if (incoming is not null)
            {
                ImageStore.Discard(incoming);
            }
        }
    }

    private static ApiError TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, $"the image upload is larger than the gateway accepts ({limit} bytes)");

    private sealed record UploadedImage(string Image);
}
