using System.Runtime.InteropServices;

namespace Flint.Interop.Libc;

/// <summary><c>struct msghdr</c> (x86-64).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct msghdr
{
    public void* msg_name;
    public uint msg_namelen;
    public iovec* msg_iov;
    public nuint msg_iovlen;
    public void* msg_control;
    public nuint msg_controllen;
    public int msg_flags;
}
