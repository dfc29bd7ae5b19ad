namespace Flint.Vm.Loader;

/// <summary>Auxiliary vector keys (&lt;elf.h&gt; AT_*).</summary>
internal static class AuxvType
{
    public const ulong Null = 0;
    public const ulong Phdr = 3;
    public const ulong Phent = 4;
    public const ulong Phnum = 5;
    public const ulong Pagesz = 6;
    public const ulong Base = 7;
    public const ulong Flags = 8;
    public const ulong Entry = 9;
    public const ulong Uid = 11;
    public const ulong Euid = 12;
    public const ulong Gid = 13;
    public const ulong Egid = 14;
    public const ulong Platform = 15;
    public const ulong Hwcap = 16;
    public const ulong Clktck = 17;
    public const ulong Secure = 23;
    public const ulong Random = 25;
    public const ulong Hwcap2 = 26;
    public const ulong Execfn = 31;
}
