namespace Flint.Interop.Libc;

/// <summary>&lt;time.h&gt; <c>struct timespec</c>.</summary>
public struct timespec
{
    public long tv_sec;
    public long tv_nsec;
}
