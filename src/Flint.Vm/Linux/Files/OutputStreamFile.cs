using Flint.Interop.Libc;

namespace Flint.Vm.Linux.Files;

/// <summary>fd 1 and 2: a pipe whose other end is one of the run's output streams.</summary>
internal sealed class OutputStreamFile(Stream stream) : OpenFile
{
    public override uint Mode => FileFlags.TypeFifo | 0x180;

    public override long Write(GuestProcess process, ReadOnlySpan<byte> data)
    {
        try
        {
            stream.Write(data);
            return data.Length;
        }
        catch (IOException)
        {
            return -Errno.EIO;
        }
        catch (NotSupportedException)
        {
            return -Errno.EBADF;
        }
    }

    public override PollEvents Poll() => PollEvents.Out;
}
