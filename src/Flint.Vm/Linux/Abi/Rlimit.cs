namespace Flint.Vm.Linux.Abi;

/// <summary><c>struct rlimit</c> (prlimit64's <c>struct rlimit64</c> has the same layout on x86-64).</summary>
internal struct Rlimit
{
    public const ulong Infinity = ulong.MaxValue;

    public ulong Current;
    public ulong Maximum;
}
