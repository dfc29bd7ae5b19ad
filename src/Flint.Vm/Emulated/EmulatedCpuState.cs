using Flint.Vm.Cpu;

namespace Flint.Vm.Emulated;

/// <summary>What the emulated CPU is set to before the first instruction, beside what it shares with KVM (CR0, EFER).</summary>
internal static class EmulatedCpuState
{
    /// <summary>
    /// CR4 without OSXSAVE: the emulator executes no AVX, so the guest's C library must not be told that the OS
    /// saves extended state; PAE, OSFXSR, OSXMMEXCPT and FSGSBASE as on KVM.
    /// </summary>
    public const ulong Cr4 = ControlRegisters.Cr4 & ~(1UL << 18);

    /// <summary>
    /// The <c>until</c> address of every run: the null page, where no guest code runs. A guest that jumps there
    /// stops the engine before the fetch, which the vCPU reports as the page fault it is. Always the same value,
    /// because the engine drops its translations whenever it changes.
    /// </summary>
    public const ulong NeverReached = 0;

    /// <summary>Instructions per run at most (a few milliseconds): a thread spinning in guest code lets the others run.</summary>
    public const nuint SliceInstructions = 100_000;
}
