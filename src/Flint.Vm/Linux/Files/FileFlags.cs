namespace Flint.Vm.Linux.Files;

/// <summary>open(2)/fcntl(2) flags and file-type bits of the x86-64 ABI.</summary>
internal static class FileFlags
{
    public const int O_RDONLY = 0;
    public const int O_WRONLY = 1;
    public const int O_RDWR = 2;
    public const int O_ACCMODE = 3;
    public const int O_CREAT = 0x40;
    public const int O_EXCL = 0x80;
    public const int O_TRUNC = 0x200;
    public const int O_APPEND = 0x400;
    public const int O_NONBLOCK = 0x800;
    public const int O_DIRECTORY = 0x1_0000;
    public const int O_NOFOLLOW = 0x2_0000;
    public const int O_CLOEXEC = 0x8_0000;
    public const int O_PATH = 0x20_0000;

    // S_IFMT file types.
    public const uint TypeFifo = 0x1000;
    public const uint TypeCharacterDevice = 0x2000;
    public const uint TypeDirectory = 0x4000;
    public const uint TypeRegular = 0x8000;
    public const uint TypeSymbolicLink = 0xA000;
    public const uint TypeSocket = 0xC000;
}
