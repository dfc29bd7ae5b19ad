using System.Runtime.InteropServices;
using Flint.Interop.Libc;
using Flint.Oci.Cli;

namespace Flint.Oci.Monitor;

/// <summary>
/// How <c>start</c> tells a created container's monitor to boot its guest: a FIFO in the container's directory
/// (as runc's exec.fifo). The monitor blocks opening it for reading; <c>start</c> opens it for writing without
/// blocking, which fails at once when no monitor waits (it has died), and writes one byte.
/// </summary>
internal static class StartGate
{
    public static void Make(string path)
    {
        if (Stat.mkfifo(path, 0b110_000_000) != 0)
        {
            throw new OciException($"could not make the start FIFO {path}: {Errno.Name(Marshal.GetLastPInvokeError())}");
        }
    }

    /// <summary>Blocks until <see cref="Open"/> is called; true when the gate was opened with its byte.</summary>
    public static bool Wait(string path)
    {
        using var fifo = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        return fifo.ReadByte() >= 0;
    }

    /// <exception cref="OciException">No monitor waits at the gate.</exception>
    public static void Open(string path)
    {
        var fd = Fcntl.open(path, Fcntl.O_WRONLY | Fcntl.O_NONBLOCK | Fcntl.O_CLOEXEC, 0);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new OciException(errno == Errno.ENXIO
                ? "container not running: its monitor is not waiting to start"
                : $"could not open the start FIFO {path}: {Errno.Name(errno)}");
        }

        try
        {
            unsafe
            {
                byte go = 1;
                if (Unistd.write(fd, &go, 1) != 1)
                {
                    throw new OciException($"could not start the container: {Errno.Name(Marshal.GetLastPInvokeError())}");
                }
            }
        }
        finally
        {
            _ = Unistd.close(fd);
        }
    }
}
