namespace Flint.Interop.Kvm;

/// <summary>A VM file descriptor from KVM_CREATE_VM.</summary>
public sealed class VmHandle : SafeFdHandle
{
    public VmHandle()
    {
    }

    public VmHandle(int fd)
    {
        SetHandle(fd);
    }
}
