using System.Buffers.Binary;

namespace Flint.Vm.Cpu;

/// <summary>
/// Machine code of the trap stubs. Each rings a doorbell: <c>movl $slot, DOORBELL+8*slot</c> is a store to a
/// guest-physical page without a memory slot, so KVM exits with KVM_EXIT_MMIO and the slot names the trap.
/// The monitor then sets RIP itself, so the <c>ud2</c> after the store only guards against a resume without it.
/// </summary>
internal static class TrapStubs
{
    private static ReadOnlySpan<byte> Ud2 => [0x0F, 0x0B];

    /// <summary><c>movl $slot, DOORBELL+8*slot; ud2</c> (C7 04 25 disp32 imm32, 0F 0B).</summary>
    public static byte[] Doorbell(int slot)
    {
        var address = Layout.DoorbellPage + ((ulong)slot * 8);
        var code = new byte[13];
        code[0] = 0xC7;
        code[1] = 0x04;
        code[2] = 0x25;
        BinaryPrimitives.WriteUInt32LittleEndian(code.AsSpan(3), (uint)address);
        BinaryPrimitives.WriteInt32LittleEndian(code.AsSpan(7), slot);
        Ud2.CopyTo(code.AsSpan(11));
        return code;
    }

    /// <summary>The MSR_LSTAR target: at CPL 3 on PVM hosts, at CPL 0 on VT-x/SVM (no SMEP, so a user page works for both).</summary>
    public static byte[] SyscallEntry() => Doorbell(Layout.SyscallDoorbellSlot);

    public static byte[] ExceptionEntry(int vector) => Doorbell(Layout.ExceptionDoorbellBase + vector);

    /// <summary><c>iretq</c>: how the monitor returns to ring 3 when a trap arrived at ring 0 (VT-x/SVM).</summary>
    public static byte[] IretResume() => [0x48, 0xCF];

    /// <summary>The whole user stub page: syscall entry, then one stub per exception vector.</summary>
    public static byte[] UserPage()
    {
        var page = new byte[Layout.PageSize];
        SyscallEntry().CopyTo(page, (int)Layout.SyscallStubOffset);
        for (var vector = 0; vector < Idt.ExceptionVectors; vector++)
        {
            ExceptionEntry(vector).CopyTo(page, (int)(Layout.ExceptionStubOffset + ((ulong)vector * Layout.ExceptionStubStride)));
        }

        return page;
    }

    public static byte[] KernelPage()
    {
        var page = new byte[Layout.PageSize];
        IretResume().CopyTo(page, (int)Layout.IretStubOffset);
        return page;
    }
}
