using Flint.Interop.Libc;

namespace Flint.Vm.Linux.FileSystem;

/// <summary>lseek(2) arithmetic over a file of a known size: SEEK_SET, SEEK_CUR, SEEK_END, SEEK_DATA, SEEK_HOLE.</summary>
internal static class SeekableContent
{
    public const int SEEK_SET = 0;
    public const int SEEK_CUR = 1;
    public const int SEEK_END = 2;
    public const int SEEK_DATA = 3;
    public const int SEEK_HOLE = 4;

    /// <summary>The new position, or a negative errno.</summary>
    public static long Seek(long position, long size, long offset, int whence)
    {
        long target;
        switch (whence)
        {
            case SEEK_SET:
                target = offset;
                break;
            case SEEK_CUR:
                target = position + offset;
                break;
            case SEEK_END:
                target = size + offset;
                break;
            case SEEK_DATA or SEEK_HOLE:
                if (offset < 0 || offset >= size)
                {
                    return -Errno.ENXIO;
                }

                target = whence == SEEK_DATA ? offset : size;
                break;
            default:
                return -Errno.EINVAL;
        }

        return target < 0 ? -Errno.EINVAL : target;
    }
}
