namespace Flint.Vm.Linux;

/// <summary>Emulates one syscall; returns the value for RAX (a negative errno on failure).</summary>
internal delegate long SyscallHandler(GuestProcess process, in SyscallArgs args);
