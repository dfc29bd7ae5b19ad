namespace Flint.Vm.Linux;

/// <summary>A registered syscall: its Linux x86-64 number, name (for traces and reports) and handler.</summary>
internal sealed record SyscallEntry(int Number, string Name, SyscallHandler Handler);
