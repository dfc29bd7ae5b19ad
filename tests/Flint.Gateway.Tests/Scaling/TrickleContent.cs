using System.Net;

namespace Flint.Gateway.Tests.Scaling;

/// <summary>
/// A request body of known length that trickles one byte at a time until <see cref="Finish"/>, so
/// a request holds its instance for as long as the test needs.
/// </summary>
internal sealed class TrickleContent : HttpContent
{
    private const int Length = 1000;
    private readonly TaskCompletionSource _finish = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TrickleContent()
    {
        Headers.ContentLength = Length;
    }

    public void Finish() => _finish.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var sent = 0;
        while (!_finish.Task.IsCompleted && sent < Length - 1)
        {
            await stream.WriteAsync(new byte[1]);
            await stream.FlushAsync();
            sent++;
            await Task.WhenAny(_finish.Task, Task.Delay(100));
        }

        await stream.WriteAsync(new byte[Length - sent]);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = Length;
        return true;
    }
}
