using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using Flint.Vm.Cpu;
using Flint.Vm.Kvm;
using Flint.Vm.Linux;
using Flint.Vm.Loader;
using Flint.Vm.Memory;
using Flint.Vm.Monitor;

namespace Flint.Vm;

/// <summary>One booted VM running one executable: the KVM objects, guest memory, the process and its vCPU loop.</summary>
internal sealed class MicroVm : IDisposable
{
    private readonly KvmSystem _kvm;
    private readonly KvmVm _vm;
    private readonly GuestMemory _memory;
    private readonly KvmVcpu _vcpu;
    private readonly VcpuLoop _loop;

    private MicroVm(KvmSystem kvm, KvmVm vm, GuestMemory memory, KvmVcpu vcpu, GuestProcess process, VcpuLoop loop)
    {
        _kvm = kvm;
        _vm = vm;
        _memory = memory;
        _vcpu = vcpu;
        Process = process;
        _loop = loop;
    }

    public GuestProcess Process { get; }

    public IVcpu Vcpu => _vcpu;

    /// <summary>The boot path, top to bottom: open KVM, create the VM, map memory, load the ELF, set up the CPU.</summary>
    public static MicroVm Boot(VmRunOptions options, byte[] elf, GuestProcessOptions processOptions)
    {
        var kvm = KvmSystem.Open();
        KvmVm? vm = null;
        GuestMemory? memory = null;
        KvmVcpu? vcpu = null;
        try
        {
            vm = kvm.CreateVm();
            memory = new GuestMemory(options.MemoryLimitBytes);
            vm.MapMemory(memory);

            var tables = new PageTables(memory);
            var space = new AddressSpace(memory, tables);
            MonitorPages.Install(memory, space);

            var image = ElfLoader.Load(elf, memory, space.StackBottom.Value, processOptions.Stop);
            MapImage(space, memory, image);
            space.InitializeBreak(image.End);
            space.Map(space.StackBottom, Layout.StackSize, PageFlags.Mapped | PageFlags.Read | PageFlags.Write);
            var stack = InitialStack.Build(memory, space.StackTop, new InitialStackContents(
                [processOptions.ExecutablePath, .. options.Args], options.Env, processOptions.ExecutablePath, image,
                RandomNumberGenerator.GetBytes(16), HardwareCapabilities(), LinuxIdentity.UserId, LinuxIdentity.GroupId));

            vcpu = vm.CreateVcpu(0);
            vcpu.Configure(InitialCpuState.SpecialRegisters(tables.Root), InitialCpuState.ModelSpecificRegisters(),
                InitialCpuState.Registers(image.Entry, stack));
            space.NeedsFlush = false;

            var process = new GuestProcess(space, vcpu, processOptions);
            var loop = new VcpuLoop(vcpu, new TrapHandler(vcpu, process, SyscallTable.CreateDefault()), process);
            return new MicroVm(kvm, vm, memory, vcpu, process, loop);
        }
        catch
        {
            vcpu?.Dispose();
            vm?.Dispose();
            kvm.Dispose();
            memory?.Dispose();
            throw;
        }
    }

    /// <summary>Runs the guest on the calling thread until it exits, dies or is stopped.</summary>
    public VcpuOutcome Run()
    {
        _vcpu.BindToCurrentThread();
        return _loop.RunToCompletion();
    }

    public void Dispose()
    {
        _vcpu.Dispose();
        _vm.Dispose();
        _kvm.Dispose();
        _memory.Dispose();
    }

    /// <summary>The page tables mirror the permissions the loader recorded for the image's pages.</summary>
    private static void MapImage(AddressSpace space, GuestMemory memory, LoadedImage image)
    {
        for (var page = Layout.UserSpaceStart; page < image.End.Value; page += Layout.PageSize)
        {
            var flags = memory.GetPageFlags(new GuestAddress(page));
            if (flags != PageFlags.None)
            {
                space.Map(new GuestAddress(page), Layout.PageSize, flags);
            }
        }
    }

    private static ulong HardwareCapabilities() => X86Base.IsSupported ? (uint)X86Base.CpuId(1, 0).Edx : 0;
}
