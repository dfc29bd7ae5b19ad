using Flint.Interop.Libc;

namespace Flint.Interop.Kvm;

/// <summary>Typed wrappers over <c>ioctl</c> for the KVM file descriptors.</summary>
internal static unsafe class KvmIoctls
{
    public static int Invoke(SafeFdHandle fd, uint request, nint arg)
    {
        var added = false;
        try
        {
            fd.DangerousAddRef(ref added);
            return Ioctl.ioctl((int)fd.DangerousGetHandle(), request, arg);
        }
        finally
        {
            if (added)
            {
                fd.DangerousRelease();
            }
        }
    }

    public static int Invoke(SafeFdHandle fd, uint request, void* arg) => Invoke(fd, request, (nint)arg);
}
