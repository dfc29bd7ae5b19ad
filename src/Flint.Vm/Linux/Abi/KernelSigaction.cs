namespace Flint.Vm.Linux.Abi;

/// <summary>The kernel's x86-64 <c>struct sigaction</c> for rt_sigaction (not glibc's): handler, flags, restorer, 64-bit mask.</summary>
internal struct KernelSigaction
{
    public const ulong DefaultHandler = 0;
    public const ulong IgnoreHandler = 1;

    public ulong Handler;
    public ulong Flags;
    public ulong Restorer;
    public ulong Mask;
}
