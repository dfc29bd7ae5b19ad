namespace Flint.Vm;

/// <summary>Setting up a VM failed. The message names the operation and the errno ("KVM_SET_SREGS failed: EINVAL").</summary>
public class VmSetupException : Exception
{
    public VmSetupException()
    {
    }

    public VmSetupException(string message)
        : base(message)
    {
    }

    public VmSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public VmSetupException(string operation, int errno)
        : base($"{operation} failed: {Interop.Libc.Errno.Name(errno)}")
    {
        Operation = operation;
        Errno = errno;
    }

    public string? Operation { get; }

    public int Errno { get; }
}
