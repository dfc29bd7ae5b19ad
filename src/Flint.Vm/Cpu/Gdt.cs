namespace Flint.Vm.Cpu;

/// <summary>Encodes the guest's global descriptor table: flat 64-bit code/data segments for ring 0 and ring 3, and the TSS.</summary>
internal static class Gdt
{
    // Access byte: present, DPL, S (code/data), type.
    private const byte KernelCodeAccess = 0x9A;  // present, DPL 0, code, execute/read
    private const byte KernelDataAccess = 0x92;  // present, DPL 0, data, read/write
    private const byte UserCodeAccess = 0xFA;    // present, DPL 3, code, execute/read
    private const byte UserDataAccess = 0xF2;    // present, DPL 3, data, read/write
    private const byte TssAccess = 0x89;         // present, DPL 0, available 64-bit TSS

    // Flags nibble: G (4 KiB granularity), D/B (32-bit), L (64-bit code).
    private const byte Long = 0xA;               // G + L
    private const byte Flat32 = 0xC;             // G + D/B

    /// <summary>The GDT's 8-byte entries; selector = index * 8 (+ RPL).</summary>
    public static ulong[] Entries()
    {
        var entries = new ulong[Layout.GdtEntries];
        entries[Layout.KernelCodeSelector >> 3] = Segment(KernelCodeAccess, Long);
        entries[Layout.KernelDataSelector >> 3] = Segment(KernelDataAccess, Flat32);
        entries[(Layout.UserDataSelector >> 3) - 1] = Segment(UserCodeAccess, Flat32);  // 32-bit user code: SYSRET's base
        entries[Layout.UserDataSelector >> 3] = Segment(UserDataAccess, Flat32);
        entries[Layout.UserCodeSelector >> 3] = Segment(UserCodeAccess, Long);
        var tss = SystemSegment(Layout.TssAddress, Tss.Size - 1, TssAccess);
        entries[Layout.TssSelector >> 3] = tss.Low;
        entries[(Layout.TssSelector >> 3) + 1] = tss.High;
        return entries;
    }

    /// <summary>A flat code or data descriptor: base 0, limit 0xFFFFF pages.</summary>
    public static ulong Segment(byte access, byte flags)
        => 0xFFFFUL | ((ulong)access << 40) | (0xFUL << 48) | ((ulong)flags << 52);

    /// <summary>A 16-byte system descriptor (TSS) with a 64-bit base.</summary>
    public static (ulong Low, ulong High) SystemSegment(ulong baseAddress, uint limit, byte access)
    {
        var low = (limit & 0xFFFFUL) | ((baseAddress & 0xFF_FFFF) << 16) | ((ulong)access << 40)
            | ((ulong)((limit >> 16) & 0xF) << 48) | (((baseAddress >> 24) & 0xFF) << 56);
        return (low, baseAddress >> 32);
    }
}
