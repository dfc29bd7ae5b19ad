namespace Flint.Interop.Kvm;

/// <summary>A vCPU file descriptor from KVM_CREATE_VCPU.</summary>
public sealed class VcpuHandle : SafeFdHandle
{
    public VcpuHandle()
    {
    }

    public VcpuHandle(int fd)
    {
        SetHandle(fd);
    }
}
