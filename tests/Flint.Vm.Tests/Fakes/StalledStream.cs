namespace Flint.Vm.Tests.Fakes;

/// <summary>A write-only stream whose reader never reads: every write blocks until the stream is disposed.</summary>
internal sealed class StalledStream : Stream
{
    private readonly ManualResetEventSlim _released = new();
    private int _writers;

    /// <summary>How many writes have started and not returned.</summary>
    public int BlockedWriters => Volatile.Read(ref _writers);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count)
    {
        Interlocked.Increment(ref _writers);
        _released.Wait();
        Interlocked.Decrement(ref _writers);
        throw new IOException("the reader went away");
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _released.Set();
        }

        base.Dispose(disposing);
    }
}
