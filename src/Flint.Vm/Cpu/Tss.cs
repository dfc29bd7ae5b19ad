using System.Buffers.Binary;

namespace Flint.Vm.Cpu;

/// <summary>The 64-bit task-state segment: the ring-0 stack (RSP0) and the exception stack (IST1).</summary>
internal static class Tss
{
    public const uint Size = 104;
    public const int Rsp0Offset = 4;
    public const int Ist1Offset = 36;
    public const int IoMapBaseOffset = 102;

    public static byte[] Encode(ulong rsp0, ulong ist1)
    {
        var tss = new byte[Size];
        BinaryPrimitives.WriteUInt64LittleEndian(tss.AsSpan(Rsp0Offset), rsp0);
        BinaryPrimitives.WriteUInt64LittleEndian(tss.AsSpan(Ist1Offset), ist1);
        BinaryPrimitives.WriteUInt16LittleEndian(tss.AsSpan(IoMapBaseOffset), (ushort)Size);  // no I/O bitmap
        return tss;
    }
}
