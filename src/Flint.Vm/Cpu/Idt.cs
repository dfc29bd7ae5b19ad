namespace Flint.Vm.Cpu;

/// <summary>
/// Encodes the interrupt descriptor table. Vectors 0-31 are interrupt gates to the per-vector user stubs, through
/// the ring-3 code segment and IST1: the same-privilege gate shape that runs at CPL 3 on both PVM and VT-x/SVM.
/// </summary>
internal static class Idt
{
    public const int ExceptionVectors = 32;
    private const byte InterruptGate = 0xE;

    /// <summary>The IDT as pairs of 8-byte words (low, high) per vector; unused vectors are not present.</summary>
    public static ulong[] Entries()
    {
        var entries = new ulong[Layout.IdtVectors * 2];
        for (var vector = 0; vector < ExceptionVectors; vector++)
        {
            var stub = Layout.UserStubPage + Layout.ExceptionStubOffset + ((ulong)vector * Layout.ExceptionStubStride);
            // int3 and into may be raised by user code on purpose: their gates must be DPL 3.
            var dpl = vector is ExceptionVector.Breakpoint or ExceptionVector.Overflow ? 3 : 0;
            (entries[vector * 2], entries[(vector * 2) + 1]) = Gate(stub, Layout.UserCodeSelector, ist: 1, dpl);
        }

        return entries;
    }

    public static (ulong Low, ulong High) Gate(ulong offset, ushort selector, int ist, int dpl)
    {
        var typeAttr = 0x80UL | ((ulong)(dpl & 3) << 5) | InterruptGate;
        var low = (offset & 0xFFFF) | ((ulong)selector << 16) | ((ulong)(ist & 7) << 32) | (typeAttr << 40)
            | (((offset >> 16) & 0xFFFF) << 48);
        return (low, offset >> 32);
    }
}
