using System.Runtime.InteropServices;

namespace Flint.Interop.Libc;

/// <summary><c>struct ifreq</c> as SIOCGIFFLAGS and SIOCSIFFLAGS use it: the interface name, then <c>ifr_flags</c>.</summary>
[StructLayout(LayoutKind.Sequential, Size = 40)]
internal unsafe struct ifreq_flags
{
    public const int IFNAMSIZ = 16;
    public const int SIOCGIFFLAGS = 0x8913;
    public const int SIOCSIFFLAGS = 0x8914;
    public const short IFF_UP = 0x1;

    public fixed byte ifr_name[IFNAMSIZ];
    public short ifr_flags;
}
