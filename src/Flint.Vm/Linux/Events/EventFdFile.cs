using System.Buffers.Binary;
using Flint.Interop.Libc;
using Flint.Vm.Linux.Files;

namespace Flint.Vm.Linux.Events;

/// <summary>
/// eventfd(2): a 64-bit counter. read takes the whole count (or 1 with EFD_SEMAPHORE) and waits while it is 0;
/// write adds and waits while the sum would pass 0xfffffffffffffffe.
/// </summary>
internal sealed class EventFdFile(ReadinessSignal signal, ulong initial, bool semaphore) : OpenFile, IIoGeneration
{
    public const int EFD_SEMAPHORE = 1;
    private const ulong Max = ulong.MaxValue - 1;
    private readonly Lock _lock = new();
    private ulong _count = initial;
    private long _generation;

    public override uint Mode => 0x180;

    public bool IsSemaphore => semaphore;

    /// <summary>The counter, which a snapshot keeps.</summary>
    public ulong Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    public long IoGeneration => Interlocked.Read(ref _generation);

    public override long Read(GuestProcess process, Span<byte> buffer)
    {
        if (buffer.Length < sizeof(ulong))
        {
            return -Errno.EINVAL;
        }

        return Blocking(process, () =>
        {
            if (_count == 0)
            {
                return null;
            }

            var value = semaphore ? 1 : _count;
            _count -= value;
            return value;
        }, out var taken) is var result and < 0 ? result : Store(buffer, taken);
    }

    public override long Write(GuestProcess process, ReadOnlySpan<byte> data)
    {
        if (data.Length < sizeof(ulong))
        {
            return -Errno.EINVAL;
        }

        var value = BinaryPrimitives.ReadUInt64LittleEndian(data);
        if (value == ulong.MaxValue)
        {
            return -Errno.EINVAL;
        }

        var result = Blocking(process, () =>
        {
            if (Max - _count < value)
            {
                return null;
            }

            _count += value;
            return value;
        }, out _);
        return result < 0 ? result : sizeof(ulong);
    }

    public override PollEvents Poll()
    {
        lock (_lock)
        {
            return (_count > 0 ? PollEvents.In : PollEvents.None) | (_count < Max ? PollEvents.Out : PollEvents.None);
        }
    }

    private static long Store(Span<byte> buffer, ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(buffer, value);
        return sizeof(ulong);
    }

    /// <summary>Runs <paramref name="attempt"/> under the lock until it succeeds (non-null), the file is non-blocking (-EAGAIN) or the VM stops (-EINTR).</summary>
    private long Blocking(GuestProcess process, Func<ulong?> attempt, out ulong value)
    {
        value = 0;
        Interlocked.Increment(ref _generation);
        while (true)
        {
            var version = signal.Version;
            lock (_lock)
            {
                if (attempt() is { } done)
                {
                    value = done;
                    break;
                }
            }

            if (IsNonBlocking)
            {
                return -Errno.EAGAIN;
            }

            if (process.Stopping.IsCancellationRequested)
            {
                return -Errno.EINTR;
            }

            using (process.LetOthersRun())
            {
                signal.Wait(version, 100);
            }
        }

        signal.Pulse();
        return 0;
    }
}
