namespace Flint.Interop.Kvm;

/// <summary><c>struct kvm_sync_regs</c> (x86): registers shared through <c>kvm_run</c> without extra ioctls.</summary>
public struct kvm_sync_regs
{
    public kvm_regs regs;
    public kvm_sregs sregs;
}
