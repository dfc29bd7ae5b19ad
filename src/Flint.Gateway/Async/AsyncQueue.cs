using System.Threading.Channels;

namespace Flint.Gateway.Async;

/// <summary>
/// The calls accepted on <c>/async-function</c> and not yet started, at most
/// <see cref="GatewayOptions.AsyncQueueCapacity"/>; a call that finds it full is refused, not held.
/// </summary>
internal sealed class AsyncQueue
{
    private readonly Channel<AsyncCall> _channel;

    public AsyncQueue(GatewayOptions options)
    {
        Capacity = options.AsyncQueueCapacity;
        _channel = Channel.CreateBounded<AsyncCall>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait });
    }

    public int Capacity { get; }

    /// <summary>Calls waiting for a worker.</summary>
    public int Length => _channel.Reader.Count;

    public ChannelReader<AsyncCall> Reader => _channel.Reader;

    /// <summary>Queues the call; false when the queue is full.</summary>
    public bool TryEnqueue(AsyncCall call) => _channel.Writer.TryWrite(call);
}
