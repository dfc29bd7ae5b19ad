using System.Runtime.InteropServices;
using Flint.Interop.Libc;

namespace Flint.Cli.Commands;

/// <summary>
/// A write-only stream over one of flint's own file descriptors, written with plain write(2). Unlike a console
/// stream it takes no lock that flint's own messages need, and unlike a FileStream it writes at the descriptor's
/// shared offset, so output redirected to a file lands after what others wrote there.
/// </summary>
internal sealed class DescriptorStream(int fd) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override unsafe void Write(ReadOnlySpan<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            var done = 0;
            while (done < buffer.Length)
            {
                var written = Unistd.write(fd, start + done, (nuint)(buffer.Length - done));
                if (written < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == Errno.EINTR)
                    {
                        continue;
                    }

                    throw new IOException($"write to descriptor {fd} failed: {Errno.Name(errno)}", errno);
                }

                done += (int)written;
            }
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
