using System.Runtime.InteropServices;
using Flint.Interop.Kvm;
using Flint.Vm.Linux;

namespace Flint.Vm.Snapshots;

/// <summary>
/// One guest thread in a snapshot. Every thread is inside a blocking syscall when the snapshot is taken, so its
/// context is that syscall's trap context (RAX the number, the arguments in their registers): a restored thread
/// issues the syscall again before it first runs guest code, as Linux restarts an interrupted one.
/// </summary>
internal sealed record ThreadImage(int Id, kvm_regs Context, ulong FsBase, ulong ClearChildTidAddress, ulong BlockedMask,
    ulong PendingSignals, byte[] ExtendedState)
{
    private const int MaxExtendedState = 64 * 1024;

    public static ThreadImage Capture(GuestThread thread) => new(thread.Id, thread.Context, thread.Vcpu.FsBase,
        thread.ClearChildTidAddress, thread.BlockedMask, thread.PendingSignals, thread.Vcpu.SaveExtendedState());

    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Id);
        var context = Context;
        writer.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<kvm_regs>(in context)));
        writer.Write(FsBase);
        writer.Write(ClearChildTidAddress);
        writer.Write(BlockedMask);
        writer.Write(PendingSignals);
        writer.Write(ExtendedState.Length);
        writer.Write(ExtendedState);
    }

    public static ThreadImage Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var id = OpenFileCodec.Bounded(reader.ReadInt32(), LinuxIdentity.ProcessId, int.MaxValue, "thread id");
        var context = MemoryMarshal.Read<kvm_regs>(reader.ReadBytes(Marshal.SizeOf<kvm_regs>()));
        return new ThreadImage(id, context, reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64(),
            reader.ReadBytes(OpenFileCodec.Bounded(reader.ReadInt32(), 0, MaxExtendedState, "extended state length")));
    }
}
