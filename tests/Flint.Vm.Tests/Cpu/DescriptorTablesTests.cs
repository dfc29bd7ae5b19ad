using Flint.Vm.Cpu;

namespace Flint.Vm.Tests.Cpu;

public sealed class DescriptorTablesTests
{
    [Theory]
    [InlineData(Layout.KernelCodeSelector, 0, true, true)]
    [InlineData(Layout.KernelDataSelector, 0, false, false)]
    [InlineData(Layout.UserCodeSelector, 3, true, true)]
    [InlineData(Layout.UserDataSelector, 3, false, false)]
    public void Gdt_Segment_HasPrivilegeAndKind(ushort selector, int dpl, bool code, bool longMode)
    {
        var entry = Gdt.Entries()[selector >> 3];
        Assert.Equal(1UL, (entry >> 47) & 1);                    // present
        Assert.Equal((ulong)dpl, (entry >> 45) & 3);              // DPL
        Assert.Equal(1UL, (entry >> 44) & 1);                    // S: code/data
        Assert.Equal(code ? 1UL : 0UL, (entry >> 43) & 1);       // executable
        Assert.Equal(longMode ? 1UL : 0UL, (entry >> 53) & 1);   // L
        Assert.Equal(selector & 3, dpl);                          // RPL matches the DPL
    }

    [Fact]
    public void Gdt_SysretSelectors_FollowStar()
    {
        var star = InitialCpuState.ModelSpecificRegisters().Single(m => m.Index == Msr.Star).Value;
        var sysretBase = (ushort)(star >> 48);
        var syscallCs = (ushort)((star >> 32) & 0xFFFF);
        Assert.Equal(Layout.UserDataSelector, sysretBase + 8);
        Assert.Equal(Layout.UserCodeSelector, sysretBase + 16);
        Assert.Equal(Layout.KernelCodeSelector, syscallCs);
        Assert.Equal(Layout.KernelDataSelector, syscallCs + 8);
        Assert.NotEqual(0UL, Gdt.Entries()[sysretBase >> 3]);
    }

    [Fact]
    public void Gdt_Tss_DescribesTheTssPage()
    {
        var entries = Gdt.Entries();
        var low = entries[Layout.TssSelector >> 3];
        var high = entries[(Layout.TssSelector >> 3) + 1];
        var baseAddress = ((low >> 16) & 0xFF_FFFF) | (((low >> 56) & 0xFF) << 24) | (high << 32);
        var limit = (low & 0xFFFF) | (((low >> 48) & 0xF) << 16);
        Assert.Equal(Layout.TssAddress, baseAddress);
        Assert.Equal(Tss.Size - 1, limit);
        Assert.Equal(0x9UL, (low >> 40) & 0xF);   // available 64-bit TSS
        Assert.Equal(1UL, (low >> 47) & 1);
    }

    [Fact]
    public void Tss_Encode_PutsStacksAtArchitecturalOffsets()
    {
        var tss = Tss.Encode(rsp0: 0x1111_2222, ist1: 0x3333_4444);
        Assert.Equal(104, tss.Length);
        Assert.Equal(0x1111_2222UL, BitConverter.ToUInt64(tss, 4));
        Assert.Equal(0x3333_4444UL, BitConverter.ToUInt64(tss, 36));
        Assert.Equal((ushort)104, BitConverter.ToUInt16(tss, 102));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 3)]
    [InlineData(4, 3)]
    [InlineData(14, 0)]
    [InlineData(31, 0)]
    public void Idt_ExceptionGate_PointsAtItsStubThroughUserCodeAndIst1(int vector, int dpl)
    {
        var entries = Idt.Entries();
        var low = entries[vector * 2];
        var high = entries[(vector * 2) + 1];
        var offset = (low & 0xFFFF) | (((low >> 48) & 0xFFFF) << 16) | (high << 32);
        Assert.Equal(Layout.UserStubPage + Layout.ExceptionStubOffset + ((ulong)vector * Layout.ExceptionStubStride), offset);
        Assert.Equal(Layout.UserCodeSelector, (ushort)(low >> 16));
        Assert.Equal(1UL, (low >> 32) & 7);             // IST1
        Assert.Equal(0xEUL, (low >> 40) & 0xF);         // 64-bit interrupt gate
        Assert.Equal((ulong)dpl, (low >> 45) & 3);
        Assert.Equal(1UL, (low >> 47) & 1);
    }

    [Fact]
    public void Idt_VectorsAbove31_AreNotPresent()
    {
        var entries = Idt.Entries();
        Assert.Equal(Layout.IdtVectors * 2, entries.Length);
        Assert.All(entries.Skip(64), e => Assert.Equal(0UL, e));
    }

    [Fact]
    public void InitialCpuState_StartsInLongModeAtRing3()
    {
        var sregs = InitialCpuState.SpecialRegisters(new GuestAddress(Layout.PageTablePool));
        Assert.Equal(Layout.UserCodeSelector, sregs.cs.selector);
        Assert.Equal(3, sregs.cs.dpl);
        Assert.Equal(1, sregs.cs.l);
        Assert.Equal(Layout.UserDataSelector, sregs.ss.selector);
        Assert.Equal(3, sregs.ss.dpl);
        Assert.Equal(Layout.PageTablePool, sregs.cr3);
        Assert.NotEqual(0UL, sregs.cr0 & (1UL << 31));    // PG
        Assert.NotEqual(0UL, sregs.cr4 & (1UL << 5));     // PAE
        Assert.Equal(0UL, sregs.cr4 & (1UL << 20));       // no SMEP: the LSTAR stub is in a user page
        Assert.NotEqual(0UL, sregs.efer & 1);              // SCE
        Assert.NotEqual(0UL, sregs.efer & (1UL << 11));   // NXE
        Assert.Equal(Layout.TssSelector, sregs.tr.selector);
        Assert.Equal((ushort)((Layout.GdtEntries * 8) - 1), sregs.gdt.limit);
    }

    [Fact]
    public void InitialCpuState_LstarPointsAtTheSyscallStubAndSfmaskIsZero()
    {
        var msrs = InitialCpuState.ModelSpecificRegisters().ToDictionary(m => m.Index, m => m.Value);
        Assert.Equal(Layout.UserStubPage + Layout.SyscallStubOffset, msrs[Msr.Lstar]);
        Assert.Equal(0UL, msrs[Msr.SyscallFlagMask]);
        var regs = InitialCpuState.Registers(new GuestAddress(0x401000), new GuestAddress(0x7ff000));
        Assert.Equal(0x401000UL, regs.rip);
        Assert.Equal(0x7ff000UL, regs.rsp);
        Assert.Equal(0x202UL, regs.rflags);
    }

    [Theory]
    [InlineData(8, true)]
    [InlineData(13, true)]
    [InlineData(14, true)]
    [InlineData(17, true)]
    [InlineData(0, false)]
    [InlineData(3, false)]
    [InlineData(6, false)]
    public void ExceptionVector_HasErrorCode_MatchesArchitecture(int vector, bool expected)
    {
        Assert.Equal(expected, ExceptionVector.HasErrorCode(vector));
    }
}
