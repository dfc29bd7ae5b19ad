using Flint.Vm.Linux.Abi;

namespace Flint.Vm.Linux;

/// <summary>getrlimit/prlimit64 resources and the limits a fresh guest starts with.</summary>
internal static class ResourceLimits
{
    public const int RLIMIT_STACK = 3;
    public const int RLIMIT_NOFILE = 7;
    public const int RLIMIT_AS = 9;
    public const int Count = 16;

    public static Rlimit[] Defaults(ulong memorySize)
    {
        var limits = new Rlimit[Count];
        Array.Fill(limits, new Rlimit { Current = Rlimit.Infinity, Maximum = Rlimit.Infinity });
        limits[RLIMIT_STACK] = new Rlimit { Current = Layout.StackSize, Maximum = Rlimit.Infinity };
        limits[RLIMIT_NOFILE] = new Rlimit { Current = 1024, Maximum = 4096 };
        limits[RLIMIT_AS] = new Rlimit { Current = memorySize, Maximum = memorySize };
        return limits;
    }
}
