using Flint.Interop.Libc;
using Microsoft.Win32.SafeHandles;

namespace Flint.Interop.Kvm;

/// <summary>A file descriptor closed with <c>close(2)</c>.</summary>
public abstract class SafeFdHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    protected SafeFdHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>fd 0 is a valid descriptor, only -1 is invalid.</summary>
    public override bool IsInvalid => handle == -1;

    protected override bool ReleaseHandle() => Unistd.close((int)handle) == 0;
}
