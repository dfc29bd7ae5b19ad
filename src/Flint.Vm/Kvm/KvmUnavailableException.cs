namespace Flint.Vm.Kvm;

/// <summary>The host has no usable KVM (no /dev/kvm, or a KVM too old for the monitor).</summary>
public sealed class KvmUnavailableException : VmSetupException
{
    public KvmUnavailableException()
    {
    }

    public KvmUnavailableException(string message)
        : base(message)
    {
    }

    public KvmUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
