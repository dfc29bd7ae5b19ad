namespace Flint.Vm.Linux;

/// <summary>What clone and clone3 ask for, in one shape: flags, the new thread's stack top (0: the caller's), tid addresses, TLS.</summary>
internal readonly record struct CloneRequest(ulong Flags, ulong StackTop, ulong ParentTid, ulong ChildTid, ulong Tls);
