using System.Buffers.Binary;
using System.Security.Cryptography;
using Flint.Vm.Memory;
using Microsoft.Win32.SafeHandles;

namespace Flint.Vm.Snapshots;

/// <summary>
/// A snapshot file opened and verified once (magic, format version, SHA-256 of everything after the header), then
/// restored from any number of times: each restore maps its pages copy-on-write from the open file, so instances
/// share every page they do not write. A file replaced on disk later does not change an open snapshot (it keeps
/// the old file open).
/// </summary>
public sealed class VmSnapshot : IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly byte[] _processState;
    private readonly Lock _poolLock = new();
    private RestorePool? _pool;

    private VmSnapshot(string path, SafeFileHandle file, long dataOffset, long length, BinaryReader reader, byte[] metadata)
    {
        Path = path;
        _file = file;
        DataOffset = dataOffset;
        Key = reader.ReadString();
        Platform = reader.ReadString();
        MemoryLimitBytes = reader.ReadUInt64();
        NextPageTable = reader.ReadUInt64();
        BreakStart = reader.ReadUInt64();
        Break = reader.ReadUInt64();
        var flagRuns = OpenFileCodec.Bounded(reader.ReadInt32(), 0, int.MaxValue, "flag run count");
        var flags = new List<(ulong, int, PageFlags)>();
        for (var i = 0; i < flagRuns; i++)
        {
            flags.Add((reader.ReadUInt64(), reader.ReadInt32(), (PageFlags)reader.ReadByte()));
        }

        FlagRuns = flags;
        var runCount = OpenFileCodec.Bounded(reader.ReadInt32(), 0, int.MaxValue, "memory run count");
        var runs = new List<MemoryRun>();
        for (var i = 0; i < runCount; i++)
        {
            var run = new MemoryRun(reader.ReadUInt64(), reader.ReadInt32(), reader.ReadInt64());
            if (run.Pages <= 0 || run.Offset < 0 || run.Offset % (long)Layout.PageSize != 0
                || run.FirstPage + (ulong)run.Pages > Layout.AddressSpaceSize >> Layout.PageShift
                || dataOffset + run.Offset + ((long)run.Pages << Layout.PageShift) > length)
            {
                throw new SnapshotException($"memory run {i} lies outside the guest or the file");
            }

            runs.Add(run);
        }

        Runs = runs;
        var threadCount = OpenFileCodec.Bounded(reader.ReadInt32(), 1, Linux.ThreadGroup.MaxThreads, "thread count");
        var threads = new List<ThreadImage>();
        for (var i = 0; i < threadCount; i++)
        {
            threads.Add(ThreadImage.Read(reader));
        }

        if (threads[0].Id != Linux.LinuxIdentity.ProcessId || threads.DistinctBy(t => t.Id).Count() != threads.Count)
        {
            throw new SnapshotException("the snapshot's threads are not the main thread followed by distinct others");
        }

        Threads = threads;
        _processState = metadata[(int)reader.BaseStream.Position..];
    }

    public string Path { get; }

    /// <summary>What the snapshot was taken for (the function's image and configuration); a restore compares it.</summary>
    public string Key { get; }

    /// <summary>The platform that took it (<c>kvm</c> or <c>emulated</c>): CPU state restores only there.</summary>
    public string Platform { get; }

    public ulong MemoryLimitBytes { get; }

    internal long DataOffset { get; }

    internal ulong NextPageTable { get; }

    internal ulong BreakStart { get; }

    internal ulong Break { get; }

    internal IReadOnlyList<(ulong FirstPage, int Pages, PageFlags Flags)> FlagRuns { get; }

    internal IReadOnlyList<MemoryRun> Runs { get; }

    internal IReadOnlyList<ThreadImage> Threads { get; }

    internal SafeFileHandle File => _file;

    /// <summary>Opens and verifies <paramref name="path"/>.</summary>
    /// <exception cref="SnapshotException">Not a snapshot, another format version, truncated, or its checksum does not match.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static VmSnapshot Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = System.IO.File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        try
        {
            return Read(path, file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Keeps up to <paramref name="count"/> restores of this snapshot prepared ahead of time (VM, memory slot, pages
    /// mapped, vCPUs with their state), refilled in the background, so that a restore only builds the process. Later
    /// calls change nothing.
    /// </summary>
    public void KeepPrepared(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_poolLock)
        {
            ObjectDisposedException.ThrowIf(_file.IsClosed, this);
            _pool ??= new RestorePool(count, Prepare);
        }
    }

    /// <summary>A restore prepared ahead of time when one is waiting, else one prepared now.</summary>
    internal PreparedRestore TakeOrPrepare() => _pool?.TryTake() ?? Prepare();

    internal VmPlatformChoice PlatformChoice => VmPlatform.TryParse(Platform, out var choice) && choice != VmPlatformChoice.Auto
        ? choice
        : throw new SnapshotException($"{Path} was taken on an unknown platform '{Platform}'");

    /// <summary>The process state after memory and threads, read afresh for each restore.</summary>
    internal BinaryReader ProcessState() => new(new MemoryStream(_processState, writable: false));

    public void Dispose()
    {
        lock (_poolLock)
        {
            _pool?.Dispose();
            _pool = null;
            _file.Dispose();
        }
    }

    private PreparedRestore Prepare() => PreparedRestore.Prepare(this, VmPlatform.Open(PlatformChoice));

    private static VmSnapshot Read(string path, SafeFileHandle file)
    {
        var length = RandomAccess.GetLength(file);
        var header = new byte[SnapshotLayout.HeaderSize];
        if (length < header.Length || RandomAccess.Read(file, header, 0) != header.Length || !header.AsSpan(0, 8).SequenceEqual(SnapshotLayout.Magic))
        {
            throw new SnapshotException($"{path} is not a Flint VM snapshot");
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
        if (version != SnapshotLayout.Version)
        {
            throw new SnapshotException($"{path} has snapshot format {version}; this monitor reads format {SnapshotLayout.Version}");
        }

        var metadataLength = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(16));
        var dataOffset = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(24));
        var dataLength = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(32));
        if (metadataLength is <= 0 or > SnapshotLayout.MaxMetadata || dataOffset != SnapshotLayout.DataOffset(metadataLength)
            || dataLength < 0 || dataLength % (long)Layout.PageSize != 0 || dataOffset + dataLength != length)
        {
            throw new SnapshotException($"{path} is truncated or its header is damaged ({length} bytes)");
        }

        var metadata = new byte[metadataLength];
        if (RandomAccess.Read(file, metadata, SnapshotLayout.HeaderSize) != metadata.Length || !Checksum(file, metadata, dataOffset, dataLength)
            .AsSpan().SequenceEqual(header.AsSpan(SnapshotLayout.HashOffset, 32)))
        {
            throw new SnapshotException($"{path} does not match its checksum: the file is damaged");
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(metadata, writable: false));
            return new VmSnapshot(path, file, dataOffset, length, reader, metadata);
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or FormatException or OverflowException)
        {
            throw new SnapshotException($"{path}: its metadata cannot be read ({e.Message})", e);
        }
    }

    private static byte[] Checksum(SafeFileHandle file, byte[] metadata, long dataOffset, long dataLength)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(metadata);
        var buffer = new byte[1 << 20];
        for (long done = 0; done < dataLength;)
        {
            var read = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, dataLength - done)), dataOffset + done);
            if (read <= 0)
            {
                throw new SnapshotException("the snapshot ended early");
            }

            hash.AppendData(buffer, 0, read);
            done += read;
        }

        return hash.GetHashAndReset();
    }
}
