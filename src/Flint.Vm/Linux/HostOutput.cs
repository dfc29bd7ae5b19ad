using Flint.Interop.Libc;

namespace Flint.Vm.Linux;

/// <summary>
/// A host stream the guest writes to (its stdout or stderr). The host write, which may block for as long as the
/// reader likes, runs on a thread-pool thread while the guest's thread waits for it with the run's stop token:
/// a stop or timeout ends the wait, the guest's write returns EINTR and the stream is abandoned to the pending
/// write. The guest's bytes are copied first, in chunks of at most <see cref="ChunkBytes"/>, since an abandoned
/// write may outlive the guest's memory.
/// </summary>
internal sealed class HostOutput(Stream stream, CancellationToken stop)
{
    public const int ChunkBytes = 64 * 1024;
    private byte[]? _chunk;
    private bool _abandoned;

    /// <summary>Writes all of <paramref name="data"/>; returns the bytes written or a negative errno.</summary>
    public long Write(ReadOnlySpan<byte> data)
    {
        long written = 0;
        while (!data.IsEmpty)
        {
            var length = Math.Min(data.Length, ChunkBytes);
            _chunk ??= new byte[ChunkBytes];
            data[..length].CopyTo(_chunk);
            var chunk = _chunk;
            var result = Complete(() => WriteChunk(chunk, length));
            if (result < 0)
            {
                return written > 0 ? written : result;
            }

            written += length;
            data = data[length..];
        }

        return written;
    }

    /// <summary>Flushes the stream unless the run was stopped; returns 0 or a negative errno.</summary>
    public long Flush() => Complete(() => Guard(stream.Flush));

    private long WriteChunk(byte[] chunk, int length) => Guard(() => stream.Write(chunk, 0, length));

    private long Complete(Func<long> operation)
    {
        if (_abandoned)
        {
            return -Errno.EIO;
        }

        if (stop.IsCancellationRequested)
        {
            return -Errno.EINTR;
        }

        var pending = Task.Factory.StartNew(operation, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
        try
        {
            pending.Wait(stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            _abandoned = true;
            return -Errno.EINTR;
        }
        catch (AggregateException)
        {
            // Rethrown below as the operation's own exception.
        }

        return pending.GetAwaiter().GetResult();
    }

    private static long Guard(Action operation)
    {
        try
        {
            operation();
            return 0;
        }
        catch (IOException)
        {
            return -Errno.EIO;
        }
        catch (NotSupportedException)
        {
            return -Errno.EBADF;
        }
        catch (ObjectDisposedException)
        {
            return -Errno.EBADF;
        }
    }
}
