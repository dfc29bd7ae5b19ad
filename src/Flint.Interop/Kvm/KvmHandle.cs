namespace Flint.Interop.Kvm;

/// <summary>The /dev/kvm system file descriptor.</summary>
public sealed class KvmHandle : SafeFdHandle
{
    public KvmHandle()
    {
    }

    public KvmHandle(int fd)
    {
        SetHandle(fd);
    }
}
