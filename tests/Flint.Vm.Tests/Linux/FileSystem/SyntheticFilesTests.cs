using System.Text;
using Flint.Vm.Tests.Fakes;

namespace Flint.Vm.Tests.Linux.FileSystem;

public sealed class SyntheticFilesTests
{
    private const ulong Read = 0, Openat = 257;
    private static readonly ulong AtFdcwd = unchecked((ulong)-100L);

    [Fact]
    public void Maps_ListsBufferStackAndFormat()
    {
        using var guest = new TestGuest();
        var maps = ReadFile(guest, "/proc/self/maps");
        Assert.Matches(@"(?m)^00400000-00500000 rw-p 00000000 00:00 0 +/opt/app/hello$", maps);  // below the break: the image
        Assert.Matches(@"(?m)^00500000-00501000 r--p 00000000 00:00 0 +/opt/app/hello$", maps);
        Assert.Matches(@"01800000-02000000 rw-p 00000000 00:00 0 +\[stack\]\n", maps);
    }

    [Fact]
    public void MemInfo_TotalIsTheMemoryLimit()
    {
        using var guest = new TestGuest();
        Assert.StartsWith($"MemTotal:       {TestGuest.MemorySize / 1024,8} kB\nMemFree:", ReadFile(guest, "/proc/meminfo"), StringComparison.Ordinal);
        Assert.Equal($"{TestGuest.MemorySize}\n", ReadFile(guest, "/sys/fs/cgroup/memory.max"));
    }

    [Theory]
    [InlineData("/sys/devices/system/cpu/online", "0\n")]
    [InlineData("/sys/devices/system/cpu/possible", "0\n")]
    [InlineData("/sys/fs/cgroup/cpu.max", "max 100000\n")]
    [InlineData("/proc/self/cgroup", "0::/\n")]
    [InlineData("/proc/self/comm", "hello\n")]
    public void Files_HaveTheirFixedContents(string path, string expected)
    {
        using var guest = new TestGuest();
        Assert.Equal(expected, ReadFile(guest, path));
    }

    [Fact]
    public void Urandom_IsRandomAndZeroIsZero()
    {
        using var guest = new TestGuest();
        var first = ReadFile(guest, "/dev/urandom", 64);
        Assert.NotEqual(first, ReadFile(guest, "/dev/urandom", 64));
        Assert.Equal(new string('\0', 64), ReadFile(guest, "/dev/zero", 64));
        Assert.Equal(string.Empty, ReadFile(guest, "/dev/null", 64));
    }

    private static string ReadFile(TestGuest guest, string path, ulong length = 0x10000)
    {
        guest.WriteString(guest.Buffer + 0xF0000, path);
        var fd = guest.Call(Openat, AtFdcwd, guest.Buffer.Value + 0xF0000, 0);
        Assert.True(fd >= 3, $"open {path}: {fd}");
        var read = guest.Call(Read, (ulong)fd, guest.Buffer.Value + 0x80000, length);
        Assert.True(read >= 0);
        return Encoding.Latin1.GetString(guest.ReadBytes(guest.Buffer + 0x80000, (int)read));
    }
}
