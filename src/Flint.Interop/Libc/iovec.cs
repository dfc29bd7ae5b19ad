using System.Runtime.InteropServices;

namespace Flint.Interop.Libc;

/// <summary><c>struct iovec</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct iovec
{
    public void* iov_base;
    public nuint iov_len;
}
