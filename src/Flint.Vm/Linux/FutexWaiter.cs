namespace Flint.Vm.Linux;

/// <summary>One thread blocked in FUTEX_WAIT: the word it waits on, its bitset, and the event a wake sets.</summary>
internal sealed class FutexWaiter(ulong address, uint bitset)
{
    public ulong Address { get; set; } = address;

    public uint Bitset { get; } = bitset;

    public ManualResetEventSlim Woken { get; } = new(false);
}
