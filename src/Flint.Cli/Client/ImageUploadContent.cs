using System.Net;
using System.Net.Http.Headers;
using Flint.Images;
using Flint.Images.Transfer;

namespace Flint.Cli.Client;

/// <summary>An image streamed as the tar body of <c>POST /system/images</c>, written as it is sent.</summary>
internal sealed class ImageUploadContent : HttpContent
{
    private readonly FunctionImage _image;

    public ImageUploadContent(FunctionImage image)
    {
        _image = image;
        Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        LayoutTarWriter.WriteAsync(_image, stream, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
