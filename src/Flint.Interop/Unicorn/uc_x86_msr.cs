namespace Flint.Interop.Unicorn;

/// <summary><c>uc_x86_msr</c>: a model-specific register, read or written through <c>UC_X86_REG_MSR</c>.</summary>
internal struct uc_x86_msr
{
    public uint rid;
    public ulong value;
}
