using System.Security.Cryptography;
using Flint.Interop.Libc;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux;

/// <summary>getrandom from the host's cryptographic generator.</summary>
internal static class RandomSyscalls
{
    public const ulong GRND_NONBLOCK = 1;
    public const ulong GRND_RANDOM = 2;
    public const ulong GRND_INSECURE = 4;

    /// <summary>Linux returns at most this many bytes per call.</summary>
    public const ulong MaxBytes = 0x1FF_FFFF;

    public static void Register(SyscallTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Register(318, "getrandom", Getrandom);
    }

    private static long Getrandom(GuestProcess process, in SyscallArgs a)
    {
        if ((a.A2 & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)) != 0 || (a.A2 & (GRND_RANDOM | GRND_INSECURE)) == (GRND_RANDOM | GRND_INSECURE))
        {
            return -Errno.EINVAL;
        }

        var length = Math.Min(a.A1, MaxBytes);
        if (!process.Memory.TryGetSpan(new GuestAddress(a.A0), length, GuestAccess.UserWrite, out var buffer))
        {
            return -Errno.EFAULT;
        }

        RandomNumberGenerator.Fill(buffer);
        return (long)length;
    }
}
