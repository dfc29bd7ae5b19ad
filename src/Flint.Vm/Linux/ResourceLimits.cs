using Flint.Vm.Linux.Abi;

namespace Flint.Vm.Linux;

/// <summary>getrlimit/prlimit64 resources and the limits a fresh guest starts with.</summary>
internal static class ResourceLimits
{
    public const int RLIMIT_STACK = 3;
    public const int RLIMIT_NOFILE = 7;
    public const int RLIMIT_AS = 9;
    public const int Count = 16;

    /// <summary>The most fds a guest may be given (its fd table's bound), whatever RLIMIT_NOFILE it is started with.</summary>
    public const ulong MaxOpenFiles = 65536;

    public static Rlimit[] Defaults(ulong memorySize)
    {
        var limits = new Rlimit[Count];
        Array.Fill(limits, new Rlimit { Current = Rlimit.Infinity, Maximum = Rlimit.Infinity });
        limits[RLIMIT_STACK] = new Rlimit { Current = Layout.StackSize, Maximum = Rlimit.Infinity };
        limits[RLIMIT_NOFILE] = new Rlimit { Current = 1024, Maximum = 4096 };
        limits[RLIMIT_AS] = new Rlimit { Current = memorySize, Maximum = memorySize };
        return limits;
    }

    /// <summary>Sets the given limits over <paramref name="limits"/>; RLIMIT_NOFILE is held to <see cref="MaxOpenFiles"/>.</summary>
    public static void Apply(Rlimit[] limits, IReadOnlyList<GuestResourceLimit> given)
    {
        foreach (var limit in given)
        {
            var resource = limit.Resource;
            if (resource < 0)
            {
                throw new ArgumentException($"{limit.Name} is not a Linux resource limit", nameof(given));
            }

            if (limit.Soft > limit.Hard)
            {
                throw new ArgumentException($"{limit.Name}: the soft limit {limit.Soft} is above the hard limit {limit.Hard}", nameof(given));
            }

            limits[resource] = resource == RLIMIT_NOFILE
                ? new Rlimit { Current = Math.Min(limit.Soft, MaxOpenFiles), Maximum = Math.Min(limit.Hard, MaxOpenFiles) }
                : new Rlimit { Current = limit.Soft, Maximum = limit.Hard };
        }
    }
}
