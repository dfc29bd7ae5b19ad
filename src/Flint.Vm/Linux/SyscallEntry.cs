namespace Flint.Vm.Linux;

/// <summary>
/// A registered syscall: its Linux x86-64 number, name (for traces and reports) and handler. A blocking one (futex,
/// accept, epoll_wait, ...) runs outside the execution lock, so other guest threads run while it waits.
/// </summary>
internal sealed record SyscallEntry(int Number, string Name, SyscallHandler Handler, bool Blocking = false);
