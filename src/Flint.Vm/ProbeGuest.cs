using System.Buffers.Binary;
using Flint.Vm.Cpu;
using Flint.Vm.Linux;
using Flint.Vm.Monitor;

namespace Flint.Vm;

/// <summary>The smallest static executable, <c>exit_group(0)</c>, booted to tell whether a platform can run guests at all.</summary>
internal static class ProbeGuest
{
    private const ulong LoadAddress = 0x40_0000;
    private const int HeaderSize = 64;
    private const int ProgramHeaderSize = 56;

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    /// <summary>mov edi, 0; mov eax, 231 (exit_group); syscall.</summary>
    private static ReadOnlySpan<byte> Code => [0xBF, 0, 0, 0, 0, 0xB8, 0xE7, 0, 0, 0, 0x0F, 0x05];

    /// <summary>Boots the probe on <paramref name="platform"/> (which the VM then owns) and returns its exit status, 137 if it did not exit.</summary>
    public static int Run(IVmPlatform platform)
    {
        var options = new GuestProcessOptions(Stream.Null, Stream.Null, "/probe", TimeProvider.System, null);
        using var vm = MicroVm.Boot(platform, Layout.MinGuestMemory, Elf(), [], [], options);
        using var timeout = new CancellationTokenSource(Limit);
        using var onTimeout = timeout.Token.Register(vm.RequestStop);
        return vm.Run() == VcpuOutcome.Exited ? vm.Process.ExitCode ?? 0 : 128 + Signal.SIGKILL;
    }

    /// <summary>An ELF header, one PT_LOAD (read + execute) covering the whole file, then the code.</summary>
    public static byte[] Elf()
    {
        var codeOffset = HeaderSize + ProgramHeaderSize;
        var file = new byte[codeOffset + Code.Length];
        var span = file.AsSpan();
        ReadOnlySpan<byte> ident = [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1];
        ident.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[16..], 2);                 // e_type: ET_EXEC
        BinaryPrimitives.WriteUInt16LittleEndian(span[18..], 62);                // e_machine: EM_X86_64
        BinaryPrimitives.WriteUInt32LittleEndian(span[20..], 1);                 // e_version
        BinaryPrimitives.WriteUInt64LittleEndian(span[24..], LoadAddress + (ulong)codeOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(span[32..], HeaderSize);        // e_phoff
        BinaryPrimitives.WriteUInt16LittleEndian(span[52..], HeaderSize);        // e_ehsize
        BinaryPrimitives.WriteUInt16LittleEndian(span[54..], ProgramHeaderSize); // e_phentsize
        BinaryPrimitives.WriteUInt16LittleEndian(span[56..], 1);                 // e_phnum
        var ph = span[HeaderSize..];
        BinaryPrimitives.WriteUInt32LittleEndian(ph, 1);                         // PT_LOAD
        BinaryPrimitives.WriteUInt32LittleEndian(ph[4..], 5);                    // PF_R | PF_X
        BinaryPrimitives.WriteUInt64LittleEndian(ph[16..], LoadAddress);         // p_vaddr
        BinaryPrimitives.WriteUInt64LittleEndian(ph[24..], LoadAddress);         // p_paddr
        BinaryPrimitives.WriteUInt64LittleEndian(ph[32..], (ulong)file.Length);  // p_filesz
        BinaryPrimitives.WriteUInt64LittleEndian(ph[40..], (ulong)file.Length);  // p_memsz
        BinaryPrimitives.WriteUInt64LittleEndian(ph[48..], Layout.PageSize);     // p_align
        Code.CopyTo(span[codeOffset..]);
        return file;
    }
}
