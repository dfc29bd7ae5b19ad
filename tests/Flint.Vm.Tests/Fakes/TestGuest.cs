using Flint.Vm.Linux;
using Flint.Vm.Linux.Net;
using Flint.Vm.Memory;

namespace Flint.Vm.Tests.Fakes;

/// <summary>
/// A guest without KVM: real guest memory, page tables, monitor pages and a process, with a fake vCPU. A 1 MiB
/// read/write user buffer is mapped at <see cref="Buffer"/> and a read-only page at <see cref="ReadOnlyPage"/>.
/// </summary>
internal sealed class TestGuest : IDisposable
{
    public const ulong MemorySize = 32 << 20;

    public TestGuest(TimeProvider? time = null, StringWriter? trace = null, string? rootDirectory = null, GuestNetwork? network = null, ulong? memoryLimit = null)
    {
        Memory = new GuestMemory(MemorySize, memoryLimit);
        Tables = new PageTables(Memory);
        Space = new AddressSpace(Memory, Tables);
        MonitorPages.Install(Memory, Space);
        Space.InitializeBreak(new GuestAddress(0x60_0000));
        Space.Map(Buffer, 1 << 20, PageFlags.Mapped | PageFlags.Read | PageFlags.Write);
        Space.Map(ReadOnlyPage, Layout.PageSize, PageFlags.Mapped | PageFlags.Read);
        Space.Map(Space.StackBottom, Layout.StackSize, PageFlags.Mapped | PageFlags.Read | PageFlags.Write);
        Space.NeedsFlush = false;
        Process = new GuestProcess(Space, Vcpu, new GuestProcessOptions(Stdout, Stderr, "/opt/app/hello", time ?? TimeProvider.System,
            trace is null ? null : new SyscallTracer(trace))
        {
            RootDirectory = rootDirectory,
            Network = network ?? GuestNetwork.None,
        });
        Process.Context.rsp = Space.StackTop.Value - 4096;
    }

    public GuestAddress Buffer { get; } = new(0x40_0000);

    public GuestAddress ReadOnlyPage { get; } = new(0x50_0000);

    public GuestMemory Memory { get; }

    public PageTables Tables { get; }

    public AddressSpace Space { get; }

    public FakeVcpu Vcpu { get; } = new();

    public MemoryStream Stdout { get; } = new();

    public MemoryStream Stderr { get; } = new();

    public GuestProcess Process { get; }

    public SyscallTable Table { get; } = SyscallTable.CreateDefault();

    public long Call(ulong number, ulong a0 = 0, ulong a1 = 0, ulong a2 = 0, ulong a3 = 0, ulong a4 = 0, ulong a5 = 0)
        => Table.Dispatch(Process, new SyscallArgs(number, a0, a1, a2, a3, a4, a5));

    public void Write(GuestAddress address, ReadOnlySpan<byte> bytes)
        => Assert.True(Memory.TryWrite(address, GuestAccess.Monitor, bytes));

    public void WriteString(GuestAddress address, string text) => Write(address, System.Text.Encoding.UTF8.GetBytes(text + "\0"));

    public T Read<T>(GuestAddress address)
        where T : unmanaged
    {
        Assert.True(Memory.TryRead(address, GuestAccess.Monitor, out T value));
        return value;
    }

    public byte[] ReadBytes(GuestAddress address, int length)
    {
        Assert.True(Memory.TryGetSpan(address, (ulong)length, GuestAccess.Monitor, out var span));
        return span.ToArray();
    }

    public void Dispose()
    {
        Process.Dispose();
        Vcpu.Dispose();
        Memory.Dispose();
    }
}
