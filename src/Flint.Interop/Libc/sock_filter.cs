namespace Flint.Interop.Libc;

/// <summary><c>struct sock_filter</c> (&lt;linux/filter.h&gt;): one classic BPF instruction.</summary>
internal struct sock_filter
{
    public ushort code;
    public byte jt;
    public byte jf;
    public uint k;
}
