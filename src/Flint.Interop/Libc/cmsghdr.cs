using System.Runtime.InteropServices;

namespace Flint.Interop.Libc;

/// <summary><c>struct cmsghdr</c>, followed in the control buffer by its data (CMSG_DATA).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct cmsghdr
{
    public nuint cmsg_len;
    public int cmsg_level;
    public int cmsg_type;
}
