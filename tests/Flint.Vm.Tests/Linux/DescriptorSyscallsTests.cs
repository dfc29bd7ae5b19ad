using System.Buffers.Binary;
using System.Text;
using Flint.Interop.Libc;
using Flint.Testing;
using Flint.Vm.Tests.Fakes;

namespace Flint.Vm.Tests.Linux;

public sealed class DescriptorSyscallsTests : IDisposable
{
    private const ulong Read = 0, Lseek = 8, Pread64 = 17, Readv = 19, Dup = 32, Dup2 = 33, Fcntl = 72, Getdents64 = 217, Dup3 = 292, Openat = 257;
    private static readonly ulong AtFdcwd = unchecked((ulong)-100L);
    private readonly TempDirectory _image = new("flint-image");
    private readonly TestGuest _guest;

    public DescriptorSyscallsTests()
    {
        File.WriteAllText(_image.Combine("data.txt"), "0123456789");
        Directory.CreateDirectory(_image.Combine("dir"));
        File.WriteAllText(_image.Combine("dir", "b"), "b");
        File.WriteAllText(_image.Combine("dir", "a"), "a");
        _guest = new TestGuest(rootDirectory: _image.Path);
    }

    public void Dispose()
    {
        _guest.Dispose();
        _image.Dispose();
    }

    [Fact]
    public void Lseek_Whences_MoveThePosition()
    {
        var fd = (ulong)OpenPath("/data.txt", 0);
        Assert.Equal(10, _guest.Call(Lseek, fd, 0, 2));
        Assert.Equal(7, _guest.Call(Lseek, fd, unchecked((ulong)-3L), 1));
        Assert.Equal(3, _guest.Call(Read, fd, _guest.Buffer.Value, 100));
        Assert.Equal(-Errno.EINVAL, _guest.Call(Lseek, fd, unchecked((ulong)-1L), 0));
        Assert.Equal(-Errno.EINVAL, _guest.Call(Lseek, fd, 0, 9));
        Assert.Equal(-Errno.ENXIO, _guest.Call(Lseek, fd, 10, 3));
        Assert.Equal(-Errno.ESPIPE, _guest.Call(Lseek, 1, 0, 0));
        Assert.Equal(-Errno.EBADF, _guest.Call(Lseek, 99, 0, 0));
    }

    [Fact]
    public void Pread64_DoesNotMoveThePosition()
    {
        var fd = (ulong)OpenPath("/data.txt", 0);
        Assert.Equal(4, _guest.Call(Pread64, fd, _guest.Buffer.Value, 4, 6));
        Assert.Equal("6789", Encoding.ASCII.GetString(_guest.ReadBytes(_guest.Buffer, 4)));
        Assert.Equal(0, _guest.Call(Lseek, fd, 0, 1));
        Assert.Equal(0, _guest.Call(Pread64, fd, _guest.Buffer.Value, 4, 60));
        Assert.Equal(-Errno.EINVAL, _guest.Call(Pread64, fd, _guest.Buffer.Value, 4, unchecked((ulong)-1L)));
        Assert.Equal(-Errno.EFAULT, _guest.Call(Pread64, fd, _guest.ReadOnlyPage.Value, 4, 0));
        Assert.Equal(-Errno.ESPIPE, _guest.Call(Pread64, 0, _guest.Buffer.Value, 4, 0));
    }

    [Fact]
    public void Readv_FillsVectorsInOrder()
    {
        var fd = (ulong)OpenPath("/data.txt", 0);
        WriteIovec(0, 0x100, 3);
        WriteIovec(1, 0x200, 20);
        Assert.Equal(10, _guest.Call(Readv, fd, _guest.Buffer.Value, 2));
        Assert.Equal("012", Encoding.ASCII.GetString(_guest.ReadBytes(_guest.Buffer + 0x100, 3)));
        Assert.Equal("3456789", Encoding.ASCII.GetString(_guest.ReadBytes(_guest.Buffer + 0x200, 7)));
        Assert.Equal(-Errno.EFAULT, _guest.Call(Readv, fd, 0x10, 1));
    }

    [Fact]
    public void Getdents64_ListsDotEntriesAndFiles()
    {
        var fd = (ulong)OpenPath("/dir", 0x1_0000);
        var length = _guest.Call(Getdents64, fd, _guest.Buffer.Value, 4096);
        var names = new List<string>();
        for (var offset = 0; offset < length;)
        {
            var record = _guest.ReadBytes(_guest.Buffer + (ulong)offset, 24 + 256);
            var size = BinaryPrimitives.ReadUInt16LittleEndian(record.AsSpan(16));
            names.Add(Encoding.ASCII.GetString(record, 19, Array.IndexOf(record, (byte)0, 19) - 19));
            offset += size;
        }

        Assert.Equal([".", "..", "a", "b"], names);
        Assert.Equal(0, _guest.Call(Getdents64, fd, _guest.Buffer.Value, 4096));
        Assert.Equal(0, _guest.Call(Lseek, fd, 0, 0));
        Assert.Equal(-Errno.EINVAL, _guest.Call(Getdents64, fd, _guest.Buffer.Value, 10));
        Assert.Equal(-Errno.ENOTDIR, _guest.Call(Getdents64, (ulong)OpenPath("/data.txt", 0), _guest.Buffer.Value, 4096));
        Assert.Equal(-Errno.EISDIR, _guest.Call(Read, fd, _guest.Buffer.Value, 10));
    }

    [Fact]
    public void Dup_SharesTheDescription()
    {
        var fd = (ulong)OpenPath("/data.txt", 0x8_0000);
        var copy = (ulong)_guest.Call(Dup, fd);
        Assert.Equal(4, _guest.Call(Read, fd, _guest.Buffer.Value, 4));
        Assert.Equal(4, _guest.Call(Lseek, copy, 0, 1));
        Assert.Equal(1, _guest.Call(Fcntl, fd, 1));      // F_GETFD: FD_CLOEXEC from O_CLOEXEC
        Assert.Equal(0, _guest.Call(Fcntl, copy, 1));    // dup clears it
        Assert.Equal(40, _guest.Call(Dup2, fd, 40));
        Assert.Equal(41, _guest.Call(Dup3, fd, 41, 0x8_0000));
        Assert.Equal(1, _guest.Call(Fcntl, 41, 1));
        Assert.Equal(-Errno.EINVAL, _guest.Call(Dup3, fd, fd, 0));
        Assert.Equal(-Errno.EINVAL, _guest.Call(Dup3, fd, 42, 1));
        Assert.Equal((long)fd, _guest.Call(Dup2, fd, fd));
        Assert.Equal(-Errno.EBADF, _guest.Call(Dup, 99));
    }

    [Fact]
    public void Fcntl_FlagsAndDuplicates_BehaveAsLinux()
    {
        var fd = (ulong)OpenPath("/data.txt", 0);
        Assert.Equal(0x8000, _guest.Call(Fcntl, fd, 3));                // F_GETFL: O_RDONLY | O_LARGEFILE
        Assert.Equal(0, _guest.Call(Fcntl, fd, 4, 0x800 | 0x1));        // F_SETFL: O_NONBLOCK (access mode ignored)
        Assert.Equal(0x8800, _guest.Call(Fcntl, fd, 3));
        Assert.Equal(0, _guest.Call(Fcntl, fd, 2, 1));                  // F_SETFD
        Assert.Equal(1, _guest.Call(Fcntl, fd, 1));
        Assert.Equal(10, _guest.Call(Fcntl, fd, 1030, 10));             // F_DUPFD_CLOEXEC
        Assert.Equal(1, _guest.Call(Fcntl, 10, 1));
        Assert.Equal(11, _guest.Call(Fcntl, fd, 0, 10));                // F_DUPFD: lowest free from 10
        Assert.Equal(-Errno.EINVAL, _guest.Call(Fcntl, fd, 0, unchecked((ulong)-1L)));
        Assert.Equal(-Errno.EINVAL, _guest.Call(Fcntl, fd, 9999));
        Assert.Equal(-Errno.EBADF, _guest.Call(Fcntl, 99, 1));
    }

    private long OpenPath(string path, ulong flags)
    {
        _guest.WriteString(_guest.Buffer + 0x8000, path);
        return _guest.Call(Openat, AtFdcwd, _guest.Buffer.Value + 0x8000, flags);
    }

    private void WriteIovec(int index, ulong offset, ulong length)
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, _guest.Buffer.Value + offset);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), length);
        _guest.Write(_guest.Buffer + (ulong)(index * 16), bytes);
    }
}
