using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using Flint.Vm.Cpu;
using Flint.Vm.Linux;
using Flint.Vm.Loader;
using Flint.Vm.Memory;
using Flint.Vm.Monitor;

namespace Flint.Vm;

/// <summary>One booted VM running one executable: its platform, guest memory, the process and its vCPU loop.</summary>
internal sealed class MicroVm : IDisposable
{
    private readonly IVmPlatform _platform;
    private readonly GuestMemory _memory;
    private readonly IVcpu _vcpu;
    private readonly VcpuLoop _loop;

    private MicroVm(IVmPlatform platform, GuestMemory memory, IVcpu vcpu, GuestProcess process, VcpuLoop loop)
    {
        _platform = platform;
        _memory = memory;
        _vcpu = vcpu;
        Process = process;
        _loop = loop;
    }

    public GuestProcess Process { get; }

    public IVcpu Vcpu => _vcpu;

    /// <summary>
    /// The boot path, top to bottom: map memory into the platform, build page tables (and, where the CPU enforces
    /// them, the monitor's trap pages), load the ELF, build the stack, create the vCPU. Takes ownership of
    /// <paramref name="platform"/>.
    /// </summary>
    public static MicroVm Boot(IVmPlatform platform, ulong memoryLimit, byte[] elf, IReadOnlyList<string> args, IReadOnlyList<string> env,
        GuestProcessOptions processOptions)
    {
        GuestMemory? memory = null;
        IVcpu? vcpu = null;
        try
        {
            memory = new GuestMemory(memoryLimit);
            platform.MapMemory(memory);

            var tables = new PageTables(memory, platform.HasNoExecute);
            var space = new AddressSpace(memory, tables);
            if (platform.UsesTrapPages)
            {
                MonitorPages.Install(memory, space);
            }

            var image = ElfLoader.Load(elf, memory, space.StackBottom.Value, processOptions.Stop);
            MapImage(space, memory, image);
            space.InitializeBreak(image.End);
            space.Map(space.StackBottom, Layout.StackSize, PageFlags.Mapped | PageFlags.Read | PageFlags.Write);
            var stack = InitialStack.Build(memory, space.StackTop, new InitialStackContents(
                [processOptions.ExecutablePath, .. args], env, processOptions.ExecutablePath, image,
                RandomNumberGenerator.GetBytes(16), HardwareCapabilities(), LinuxIdentity.UserId, LinuxIdentity.GroupId));

            vcpu = platform.CreateVcpu(tables.Root, InitialCpuState.Registers(image.Entry, stack));
            space.NeedsFlush = false;

            var process = new GuestProcess(space, vcpu, processOptions);
            var loop = new VcpuLoop(vcpu, new TrapHandler(vcpu, process, SyscallTable.CreateDefault()), process);
            return new MicroVm(platform, memory, vcpu, process, loop);
        }
        catch
        {
            vcpu?.Dispose();
            platform.Dispose();
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

    /// <summary>Thread-safe: stops the vCPU and ends every blocking host operation made for the guest.</summary>
    public void RequestStop()
    {
        Process.RequestStop();
        _vcpu.RequestStop();
    }

    public void Dispose()
    {
        Process.Dispose();
        _vcpu.Dispose();
        _platform.Dispose();
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
