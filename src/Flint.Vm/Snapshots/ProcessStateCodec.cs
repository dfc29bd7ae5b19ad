using System.Runtime.InteropServices;
using Flint.Vm.Linux;
using Flint.Vm.Linux.Abi;

namespace Flint.Vm.Snapshots;

/// <summary>
/// What the emulated Linux knows of the process beyond memory and threads: its clock, names, limits, signal
/// dispositions, working directory, next thread id and fds. Futex waiters are not kept: every waiter is a thread
/// in a futex syscall, which it issues again when restored.
/// </summary>
internal static class ProcessStateCodec
{
    public static void Write(BinaryWriter writer, GuestProcess process)
    {
        writer.Write(process.Elapsed.Ticks);
        writer.Write(process.Time.GetTimestamp() - process.MonotonicOffset);
        writer.Write(process.Time.TimestampFrequency);
        writer.Write(process.BootTime.UtcTicks);
        writer.Write(process.CommandName);
        writer.Write(process.MembarrierRegistrations);
        writer.Write(process.FileSystem.WorkingDirectory);
        writer.Write(process.Threads.NextId);
        writer.Write(process.Limits.Length);
        writer.Write(MemoryMarshal.AsBytes(process.Limits));
        for (var signal = 1; signal <= Signal.Max; signal++)
        {
            writer.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<KernelSigaction>(in process.Signals.Action(signal))));
        }

        var stack = process.Signals.AlternateStack;
        writer.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<SignalStack>(in stack)));
        OpenFileCodec.Write(writer, process);
    }

    /// <summary>Applies the state to a process just built over the snapshot's memory and threads.</summary>
    public static void Read(BinaryReader reader, GuestProcess process)
    {
        var elapsed = reader.ReadInt64();
        var monotonic = reader.ReadInt64();
        var frequency = reader.ReadInt64();
        var bootTicks = reader.ReadInt64();
        if (elapsed < 0 || monotonic < 0 || frequency <= 0 || bootTicks < DateTimeOffset.UnixEpoch.UtcTicks)
        {
            throw new SnapshotException("the snapshot's clock is out of range");
        }

        // The guest's clocks go on from the snapshot's moment, never backwards (whatever the host's clock did since).
        var now = process.Time.GetTimestamp();
        var scale = process.Time.TimestampFrequency / (double)frequency;
        process.StartTimestamp = now - (long)(elapsed * (process.Time.TimestampFrequency / (double)TimeSpan.TicksPerSecond));
        process.MonotonicOffset = now - (long)(monotonic * scale);
        process.BootTime = new DateTimeOffset(bootTicks, TimeSpan.Zero);
        process.CommandName = reader.ReadString();
        process.MembarrierRegistrations = reader.ReadInt32();
        process.FileSystem.WorkingDirectory = reader.ReadString();
        process.Threads.NextId = OpenFileCodec.Bounded(reader.ReadInt32(), LinuxIdentity.ProcessId + 1, int.MaxValue, "next thread id");
        if (reader.ReadInt32() != process.Limits.Length)
        {
            throw new SnapshotException("the snapshot's resource limits do not match this monitor's");
        }

        reader.ReadBytes(process.Limits.Length * Marshal.SizeOf<Rlimit>()).CopyTo(MemoryMarshal.AsBytes(process.Limits));
        for (var signal = 1; signal <= Signal.Max; signal++)
        {
            process.Signals.Action(signal) = MemoryMarshal.Read<KernelSigaction>(reader.ReadBytes(Marshal.SizeOf<KernelSigaction>()));
        }

        process.Signals.AlternateStack = MemoryMarshal.Read<SignalStack>(reader.ReadBytes(Marshal.SizeOf<SignalStack>()));
        OpenFileCodec.Read(reader, process);
    }
}
