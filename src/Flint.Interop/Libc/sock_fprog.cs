namespace Flint.Interop.Libc;

/// <summary><c>struct sock_fprog</c> (&lt;linux/filter.h&gt;): a classic BPF program.</summary>
internal unsafe struct sock_fprog
{
    public ushort len;
    public sock_filter* filter;
}
