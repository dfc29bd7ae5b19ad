using System.Text;

namespace Flint.Runtimes.Vm;

/// <summary>
/// A write-only stream that turns a guest's output into lines of its function's log and keeps the last lines, so a
/// failed start can say what the guest printed. A line longer than 4 KiB is cut into pieces.
/// </summary>
internal sealed class InstanceLogStream(string instanceId, OutputChannel channel, IInstanceLog log) : Stream
{
    private const int TailLines = 20;
    private const int MaxLine = 4096;
    private readonly Lock _lock = new();
    private readonly List<byte> _pending = [];
    private readonly Queue<string> _tail = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public string Tail()
    {
        lock (_lock)
        {
            return string.Join('\n', _tail);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_lock)
        {
            foreach (var b in buffer)
            {
                if (b == (byte)'\n')
                {
                    Emit();
                }
                else
                {
                    _pending.Add(b);
                    if (_pending.Count >= MaxLine)
                    {
                        Emit();
                    }
                }
            }
        }
    }

    /// <summary>Writes out a last line that had no newline.</summary>
    public override void Flush()
    {
        lock (_lock)
        {
            if (_pending.Count > 0)
            {
                Emit();
            }
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Emit()
    {
        var line = Encoding.UTF8.GetString([.. _pending]);
        _pending.Clear();
        log.Write(instanceId, channel, line);
        _tail.Enqueue(line);
        if (_tail.Count > TailLines)
        {
            _tail.Dequeue();
        }
    }
}
