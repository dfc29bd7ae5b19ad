using System.Text;
using Flint.Interop.Libc;
using Flint.Testing;
using Flint.Vm.Linux.Abi;
using Flint.Vm.Tests.Fakes;

namespace Flint.Vm.Tests.Linux;

public sealed class PathSyscallsTests : IDisposable
{
    private const ulong Read = 0, Open = 2, Close = 3, Fstat = 5, Access = 21, Getcwd = 79, Chdir = 80, Readlink = 89, Statfs = 137;
    private const ulong Openat = 257, Newfstatat = 262;
    private static readonly ulong AtFdcwd = unchecked((ulong)-100L);
    private readonly TempDirectory _image = new("flint-image");
    private readonly TestGuest _guest;

    public PathSyscallsTests()
    {
        File.WriteAllText(_image.Combine("data.txt"), "0123456789");
        Directory.CreateDirectory(_image.Combine("etc"));
        File.WriteAllText(_image.Combine("etc", "hosts"), "127.0.0.1 localhost\n");
        File.CreateSymbolicLink(_image.Combine("up"), "../../../../..");
        _guest = new TestGuest(rootDirectory: _image.Path);
    }

    public void Dispose()
    {
        _guest.Dispose();
        _image.Dispose();
    }

    [Theory]
    [InlineData("/data.txt")]
    [InlineData("data.txt")]
    [InlineData("/etc/../data.txt")]
    [InlineData("/../../data.txt")]
    [InlineData("/up/data.txt")]
    [InlineData("./etc/./../data.txt")]
    public void Openat_PathsInsideTheImage_OpenTheFile(string path)
    {
        var fd = OpenPath(path, 0);
        Assert.Equal(3, fd);
        Assert.Equal(10, _guest.Call(Read, (ulong)fd, _guest.Buffer.Value + 0x1000, 100));
        Assert.Equal("0123456789", Encoding.ASCII.GetString(_guest.ReadBytes(_guest.Buffer + 0x1000, 10)));
    }

    [Theory]
    [InlineData("/missing", Errno.ENOENT)]
    [InlineData("/data.txt/x", Errno.ENOTDIR)]
    [InlineData("/data.txt/", Errno.ENOTDIR)]
    [InlineData("", Errno.ENOENT)]
    [InlineData("/proc/cpuinfo", Errno.ENOENT)]
    [InlineData("/sys/devices/system/cpu/cpu0/cache/index0/size", Errno.ENOENT)]
    [InlineData("/dev/sda", Errno.ENOENT)]
    public void Openat_Missing_ReturnsLinuxErrors(string path, int errno)
        => Assert.Equal(-errno, OpenPath(path, 0));

    [Theory]
    [InlineData("/data.txt", 1, Errno.EROFS)]          // O_WRONLY
    [InlineData("/data.txt", 2, Errno.EROFS)]          // O_RDWR
    [InlineData("/new.txt", 0x41, Errno.EROFS)]        // O_CREAT | O_WRONLY
    [InlineData("/etc", 1, Errno.EISDIR)]
    [InlineData("/proc/meminfo", 1, Errno.EACCES)]
    [InlineData("/data.txt", 0x1_0000, Errno.ENOTDIR)] // O_DIRECTORY
    [InlineData("/up", 0x2_0000, Errno.ELOOP)]         // O_NOFOLLOW
    public void Openat_WriteOrWrongType_IsRefused(string path, int flags, int errno)
        => Assert.Equal(-errno, OpenPath(path, (ulong)flags));

    [Fact]
    public void Openat_FifoInTheImage_NeverBlocks()
    {
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", _image.Combine("fifo")))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var fd = OpenPath("/fifo", 0);
        Assert.True(fd >= 3);
        Assert.True(_guest.Call(Read, (ulong)fd, _guest.Buffer.Value, 10) <= 0);
    }

    [Fact]
    public void Openat_DevNullForWriting_IsAllowed()
    {
        var fd = OpenPath("/dev/null", 2);
        Assert.True(fd >= 3);
        Assert.Equal(5, _guest.Call(1, (ulong)fd, _guest.Buffer.Value, 5));
        Assert.Equal(0, _guest.Call(Read, (ulong)fd, _guest.Buffer.Value, 5));
    }

    [Fact]
    public void Openat_BadPointerOrDirfd_ReturnsEfaultOrEbadf()
    {
        Assert.Equal(-Errno.EFAULT, _guest.Call(Openat, AtFdcwd, 0x10, 0));
        _guest.WriteString(_guest.Buffer, "data.txt");
        Assert.Equal(-Errno.EBADF, _guest.Call(Openat, 77, _guest.Buffer.Value, 0));
        Assert.Equal(-Errno.ENOTDIR, _guest.Call(Openat, 1, _guest.Buffer.Value, 0));
    }

    [Fact]
    public void Openat_PathPastPathMax_ReturnsEnametoolong()
    {
        _guest.Write(_guest.Buffer, Enumerable.Repeat((byte)'a', 5000).ToArray());
        Assert.Equal(-Errno.ENAMETOOLONG, _guest.Call(Openat, AtFdcwd, _guest.Buffer.Value, 0));
        Assert.Equal(-Errno.ENAMETOOLONG, OpenPath("/" + new string('n', 256), 0));
    }

    [Fact]
    public void Openat_RelativeToDirfd_ResolvesInThatDirectory()
    {
        var dir = OpenPath("/etc", 0x1_0000);
        _guest.WriteString(_guest.Buffer, "hosts");
        var fd = _guest.Call(Openat, (ulong)dir, _guest.Buffer.Value, 0);
        Assert.True(fd > dir);
        Assert.Equal(0, _guest.Call(Fstat, (ulong)fd, _guest.Buffer.Value + 0x1000));
        Assert.Equal(20, _guest.Read<LinuxStat>(_guest.Buffer + 0x1000).Size);
    }

    [Fact]
    public void Newfstatat_File_ReportsSizeAndType()
    {
        _guest.WriteString(_guest.Buffer, "/data.txt");
        Assert.Equal(0, _guest.Call(Newfstatat, AtFdcwd, _guest.Buffer.Value, _guest.Buffer.Value + 0x1000, 0));
        var stat = _guest.Read<LinuxStat>(_guest.Buffer + 0x1000);
        Assert.Equal(10, stat.Size);
        Assert.Equal(0x8000u, stat.Mode & 0xF000);
        Assert.NotEqual(0UL, stat.Inode);
        Assert.Equal(-Errno.EFAULT, _guest.Call(Newfstatat, AtFdcwd, _guest.Buffer.Value, _guest.ReadOnlyPage.Value, 0));
        Assert.Equal(-Errno.EINVAL, _guest.Call(Newfstatat, AtFdcwd, _guest.Buffer.Value, _guest.Buffer.Value + 0x1000, 0x1));
    }

    [Fact]
    public void Newfstatat_SymlinkWithNoFollow_IsALink()
    {
        _guest.WriteString(_guest.Buffer, "/up");
        Assert.Equal(0, _guest.Call(Newfstatat, AtFdcwd, _guest.Buffer.Value, _guest.Buffer.Value + 0x1000, 0x100));
        Assert.Equal(0xA000u, _guest.Read<LinuxStat>(_guest.Buffer + 0x1000).Mode & 0xF000);
        Assert.Equal(0, _guest.Call(Newfstatat, AtFdcwd, _guest.Buffer.Value, _guest.Buffer.Value + 0x1000, 0));
        Assert.Equal(0x4000u, _guest.Read<LinuxStat>(_guest.Buffer + 0x1000).Mode & 0xF000);
    }

    [Fact]
    public void Statx_FileAndFd_ReportBasicStats()
    {
        const ulong Statx = 332;
        _guest.WriteString(_guest.Buffer, "/data.txt");
        Assert.Equal(0, _guest.Call(Statx, AtFdcwd, _guest.Buffer.Value, 0, 0x7FF, _guest.Buffer.Value + 0x1000));
        Assert.Equal(0x7FFu, _guest.Read<uint>(_guest.Buffer + 0x1000));
        Assert.Equal(0x8000, _guest.Read<ushort>(_guest.Buffer + 0x1000 + 28) & 0xF000);
        Assert.Equal(10L, _guest.Read<long>(_guest.Buffer + 0x1000 + 40));
        _guest.WriteString(_guest.Buffer, "");
        Assert.Equal(0, _guest.Call(Statx, 1, _guest.Buffer.Value, 0x1000, 0x7FF, _guest.Buffer.Value + 0x1000));
        Assert.Equal(0x1000, _guest.Read<ushort>(_guest.Buffer + 0x1000 + 28) & 0xF000);   // stdout is a pipe
        Assert.Equal(-Errno.EINVAL, _guest.Call(Statx, 1, _guest.Buffer.Value, 0x6000, 0x7FF, _guest.Buffer.Value + 0x1000));
        Assert.Equal(-Errno.EFAULT, _guest.Call(Statx, 1, _guest.Buffer.Value, 0x1000, 0x7FF, _guest.ReadOnlyPage.Value));
    }

    [Fact]
    public void Readlink_ProcSelfExeAndImageLinks_ReturnTargets()
    {
        _guest.WriteString(_guest.Buffer, "/proc/self/exe");
        Assert.Equal(14, _guest.Call(Readlink, _guest.Buffer.Value, _guest.Buffer.Value + 0x1000, 100));
        Assert.Equal("/opt/app/hello", Encoding.UTF8.GetString(_guest.ReadBytes(_guest.Buffer + 0x1000, 14)));
        _guest.WriteString(_guest.Buffer, "/data.txt");
        Assert.Equal(-Errno.EINVAL, _guest.Call(Readlink, _guest.Buffer.Value, _guest.Buffer.Value + 0x1000, 100));
        _guest.WriteString(_guest.Buffer, "/up");
        Assert.Equal(14, _guest.Call(Readlink, _guest.Buffer.Value, _guest.Buffer.Value + 0x1000, 100));
    }

    [Fact]
    public void Access_ReadOnlyFileSystem_RefusesWrite()
    {
        _guest.WriteString(_guest.Buffer, "/data.txt");
        Assert.Equal(0, _guest.Call(Access, _guest.Buffer.Value, 4));
        Assert.Equal(-Errno.EROFS, _guest.Call(Access, _guest.Buffer.Value, 2));
        Assert.Equal(-Errno.EINVAL, _guest.Call(Access, _guest.Buffer.Value, 8));
    }

    [Fact]
    public void Chdir_InsideTheImage_ChangesGetcwdAndRelativePaths()
    {
        _guest.WriteString(_guest.Buffer, "/etc/../etc");
        Assert.Equal(0, _guest.Call(Chdir, _guest.Buffer.Value));
        Assert.Equal(5, _guest.Call(Getcwd, _guest.Buffer.Value + 0x1000, 100));
        Assert.Equal("/etc\0", Encoding.ASCII.GetString(_guest.ReadBytes(_guest.Buffer + 0x1000, 5)));
        Assert.Equal(-Errno.ERANGE, _guest.Call(Getcwd, _guest.Buffer.Value + 0x1000, 4));
        Assert.True(OpenPath("hosts", 0) >= 3);
        _guest.WriteString(_guest.Buffer, "/data.txt");
        Assert.Equal(-Errno.ENOTDIR, _guest.Call(Chdir, _guest.Buffer.Value));
    }

    [Fact]
    public void Statfs_CgroupAndImage_ReportTheirMagic()
    {
        _guest.WriteString(_guest.Buffer, "/sys/fs/cgroup");
        Assert.Equal(0, _guest.Call(Statfs, _guest.Buffer.Value, _guest.Buffer.Value + 0x1000));
        Assert.Equal(0x63677270L, _guest.Read<long>(_guest.Buffer + 0x1000));
        _guest.WriteString(_guest.Buffer, "/proc/self/maps");
        Assert.Equal(0, _guest.Call(Statfs, _guest.Buffer.Value, _guest.Buffer.Value + 0x1000));
        Assert.Equal(0x9FA0L, _guest.Read<long>(_guest.Buffer + 0x1000));
    }

    [Fact]
    public void Close_ImageFile_FreesTheFd()
    {
        var fd = OpenPath("/data.txt", 0);
        Assert.Equal(0, _guest.Call(Close, (ulong)fd));
        Assert.Equal(fd, OpenPath("/data.txt", 0x8_0000));
    }

    [Fact]
    public void Open_WithoutImage_SeesOnlySyntheticFiles()
    {
        using var bare = new TestGuest();
        bare.WriteString(bare.Buffer, "/data.txt");
        Assert.Equal(-Errno.ENOENT, bare.Call(Open, bare.Buffer.Value, 0));
        bare.WriteString(bare.Buffer, "/proc/meminfo");
        Assert.Equal(3, bare.Call(Open, bare.Buffer.Value, 0));
    }

    private long OpenPath(string path, ulong flags)
    {
        _guest.WriteString(_guest.Buffer, path);
        return _guest.Call(Openat, AtFdcwd, _guest.Buffer.Value, flags);
    }
}
