namespace Flint.Runtimes.Oci.Spec;

/// <summary>A condition on one syscall argument (<c>SCMP_CMP_EQ</c>, <c>SCMP_CMP_MASKED_EQ</c>, ...).</summary>
internal sealed record OciSyscallArg(uint Index, ulong Value, string Op, ulong? ValueTwo = null);
