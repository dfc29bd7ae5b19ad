using Flint.Interop.Libc;
using Flint.Vm.Linux.Files;

namespace Flint.Vm.Linux.Events;

/// <summary>
/// One end of an in-memory pipe. Reads wait for data or end of file (every writer closed); writes wait for room and
/// fail with EPIPE once every reader is closed. Linux would also raise SIGPIPE there; the guest sees EPIPE only.
/// </summary>
internal sealed class PipeEnd(PipeBuffer pipe, bool isReader) : OpenFile, IIoGeneration
{
    private const int WaitSliceMilliseconds = 100;

    public override uint Mode => FileFlags.TypeFifo | 0x180;

    public PipeBuffer Buffer => pipe;

    public bool IsReader => isReader;

    public long IoGeneration
    {
        get
        {
            lock (pipe.Lock)
            {
                return pipe.Generation;
            }
        }
    }

    public override long Read(GuestProcess process, Span<byte> buffer)
    {
        if (!isReader)
        {
            return -Errno.EBADF;
        }

        while (true)
        {
            var version = pipe.Signal.Version;
            lock (pipe.Lock)
            {
                pipe.Generation++;
                if (pipe.Count > 0 || buffer.IsEmpty)
                {
                    var taken = Math.Min(buffer.Length, pipe.Count);
                    for (var copied = 0; copied < taken;)
                    {
                        var run = Math.Min(taken - copied, PipeBuffer.Capacity - pipe.Start);
                        pipe.Bytes.AsSpan(pipe.Start, run).CopyTo(buffer[copied..]);
                        pipe.Start = (pipe.Start + run) % PipeBuffer.Capacity;
                        pipe.Count -= run;
                        copied += run;
                    }

                    pipe.Signal.Pulse();
                    return taken;
                }

                if (!pipe.WriterOpen)
                {
                    return 0;
                }
            }

            if (Waited(process, version) is var stop and < 0)
            {
                return stop;
            }
        }
    }

    public override long Write(GuestProcess process, ReadOnlySpan<byte> data)
    {
        if (isReader)
        {
            return -Errno.EBADF;
        }

        var written = 0;
        while (true)
        {
            var version = pipe.Signal.Version;
            lock (pipe.Lock)
            {
                pipe.Generation++;
                if (!pipe.ReaderOpen)
                {
                    return written > 0 ? written : -Errno.EPIPE;
                }

                var room = PipeBuffer.Capacity - pipe.Count;
                var left = data.Length - written;
                var atomic = data.Length <= PipeBuffer.AtomicBytes;
                if (room > 0 && (!atomic || room >= left))
                {
                    var put = Math.Min(room, left);
                    for (var copied = 0; copied < put;)
                    {
                        var end = (pipe.Start + pipe.Count) % PipeBuffer.Capacity;
                        var run = Math.Min(put - copied, PipeBuffer.Capacity - end);
                        data.Slice(written + copied, run).CopyTo(pipe.Bytes.AsSpan(end, run));
                        pipe.Count += run;
                        copied += run;
                    }

                    written += put;
                    pipe.Signal.Pulse();
                    if (written == data.Length || IsNonBlocking)
                    {
                        return written;
                    }
                }
            }

            if (data.IsEmpty)
            {
                return 0;
            }

            if (Waited(process, version) is var stop and < 0)
            {
                return written > 0 ? written : stop;
            }
        }
    }

    public override PollEvents Poll()
    {
        lock (pipe.Lock)
        {
            if (isReader)
            {
                return (pipe.Count > 0 ? PollEvents.In : PollEvents.None) | (pipe.WriterOpen ? PollEvents.None : PollEvents.HangUp);
            }

            return !pipe.ReaderOpen ? PollEvents.Error : pipe.Count < PipeBuffer.Capacity ? PollEvents.Out : PollEvents.None;
        }
    }

    protected override void OnClosed()
    {
        lock (pipe.Lock)
        {
            if (isReader)
            {
                pipe.ReaderOpen = false;
            }
            else
            {
                pipe.WriterOpen = false;
            }
        }

        pipe.Signal.Pulse();
    }

    private long Waited(GuestProcess process, long version)
    {
        if (IsNonBlocking)
        {
            return -Errno.EAGAIN;
        }

        if (process.Stopping.IsCancellationRequested)
        {
            return -Errno.EINTR;
        }

        using (process.LetOthersRun())
        {
            pipe.Signal.Wait(version, WaitSliceMilliseconds);
        }
        return 0;
    }
}
