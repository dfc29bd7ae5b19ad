using Flint.Vm.Cpu;

namespace Flint.Vm.Memory;

/// <summary>Writes and maps the monitor's own pages (the page-table pool is reached by physical address and stays unmapped) of a guest: GDT, IDT, TSS, trap stubs, exception and kernel stacks, doorbell.</summary>
internal static class MonitorPages
{
    public static void Install(GuestMemory memory, AddressSpace space)
    {
        WriteWords(memory, Layout.GdtAddress, Gdt.Entries());
        WriteWords(memory, Layout.IdtAddress, Idt.Entries());
        Write(memory, Layout.TssAddress, Tss.Encode(rsp0: Layout.KernelStackTop, ist1: Layout.ExceptionStackTop));
        Write(memory, Layout.UserStubPage, TrapStubs.UserPage());
        Write(memory, Layout.KernelStubPage, TrapStubs.KernelPage());

        var readWrite = PageFlags.Mapped | PageFlags.Read | PageFlags.Write;
        var execute = PageFlags.Mapped | PageFlags.Read | PageFlags.Execute;
        space.MapMonitor(new GuestAddress(Layout.GdtAddress), 3 * Layout.PageSize, readWrite, user: false);
        space.MapMonitor(new GuestAddress(Layout.UserStubPage), Layout.PageSize, execute, user: true);
        space.MapMonitor(new GuestAddress(Layout.KernelStubPage), Layout.PageSize, execute, user: false);
        space.MapMonitor(new GuestAddress(Layout.ExceptionStackBottom), Layout.ExceptionStackTop - Layout.ExceptionStackBottom, readWrite, user: true);
        space.MapMonitor(new GuestAddress(Layout.KernelStackBottom), Layout.KernelStackTop - Layout.KernelStackBottom, readWrite, user: false);
        space.MapDoorbell();
    }

    private static void WriteWords(GuestMemory memory, ulong address, ulong[] words)
    {
        var bytes = new byte[words.Length * 8];
        Buffer.BlockCopy(words, 0, bytes, 0, bytes.Length);
        Write(memory, address, bytes);
    }

    private static void Write(GuestMemory memory, ulong address, byte[] bytes)
    {
        if (!memory.TryWrite(new GuestAddress(address), GuestAccess.Monitor, bytes))
        {
            throw new InvalidOperationException($"monitor page 0x{address:x} outside guest memory");
        }
    }
}
