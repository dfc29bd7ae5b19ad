using System.Buffers.Binary;
using System.Security.Cryptography;
using Flint.Vm.Linux;
using Flint.Vm.Memory;

namespace Flint.Vm.Snapshots;

/// <summary>
/// Writes a quiescent process to a snapshot file: the caller holds the execution lock and every guest thread is
/// blocked in a syscall, so nothing changes while memory and state are copied. The file appears whole or not at
/// all (written beside, then renamed).
/// </summary>
internal static class SnapshotWriter
{
    /// <returns>The file's size in bytes.</returns>
    public static long Write(string path, string key, string platform, GuestProcess process)
    {
        var threads = process.Threads.Live;
        var main = threads.FirstOrDefault(t => t.Id == LinuxIdentity.ProcessId)
            ?? throw new SnapshotException("the main thread has exited: only a process with its main thread can be restored");
        var ordered = threads.Where(t => t != main).Prepend(main).Select(ThreadImage.Capture).ToList();
        var memory = process.Memory;
        var runs = DataRuns(memory);
        var metadata = Metadata(key, platform, process, ordered, runs);
        var dataOffset = SnapshotLayout.DataOffset(metadata.Length);
        var dataLength = runs.Count == 0 ? 0 : runs[^1].Offset + ((long)runs[^1].Pages << Layout.PageShift);

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                file.Position = SnapshotLayout.HeaderSize;
                file.Write(metadata);
                hash.AppendData(metadata);
                file.Position = dataOffset;
                foreach (var run in runs)
                {
                    var length = (ulong)run.Pages << Layout.PageShift;
                    if (!memory.TryGetSpan(new GuestAddress(run.FirstPage << Layout.PageShift), length, GuestAccess.Monitor, out var pages))
                    {
                        throw new SnapshotException($"page 0x{run.FirstPage:x} lies outside guest memory");
                    }

                    file.Write(pages);
                    hash.AppendData(pages);
                }

                file.Position = 0;
                file.Write(Header(metadata.Length, dataOffset, dataLength, hash.GetHashAndReset()));
                file.Flush(flushToDisk: false);
            }

            File.Move(temporary, path, overwrite: true);
            return dataOffset + dataLength;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static byte[] Header(long metadataLength, long dataOffset, long dataLength, byte[] sha256)
    {
        var header = new byte[SnapshotLayout.HeaderSize];
        SnapshotLayout.Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), SnapshotLayout.Version);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(16), metadataLength);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(24), dataOffset);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(32), dataLength);
        sha256.CopyTo(header, SnapshotLayout.HashOffset);
        return header;
    }

    private static byte[] Metadata(string key, string platform, GuestProcess process, List<ThreadImage> threads, List<MemoryRun> runs)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(key);
            writer.Write(platform);
            var memory = process.Memory;
            writer.Write(memory.Limit);
            writer.Write(process.AddressSpace.Tables.NextTable);
            writer.Write(process.AddressSpace.BreakStart.Value);
            writer.Write(process.AddressSpace.Break.Value);
            var flags = memory.FlagRuns();
            writer.Write(flags.Count);
            foreach (var (first, pages, flag) in flags)
            {
                writer.Write(first);
                writer.Write(pages);
                writer.Write((byte)flag);
            }

            writer.Write(runs.Count);
            foreach (var run in runs)
            {
                writer.Write(run.FirstPage);
                writer.Write(run.Pages);
                writer.Write(run.Offset);
            }

            writer.Write(threads.Count);
            foreach (var thread in threads)
            {
                thread.Write(writer);
            }

            ProcessStateCodec.Write(writer, process);
        }

        return stream.ToArray();
    }

    /// <summary>Runs of resident pages that hold something: a page never touched, or all zero, comes back as zero anyway.</summary>
    private static List<MemoryRun> DataRuns(GuestMemory memory)
    {
        var resident = memory.ResidentPages();
        var runs = new List<MemoryRun>();
        long offset = 0;
        ulong? first = null;
        for (var page = 0UL; page <= (ulong)resident.Length; page++)
        {
            var keep = page < (ulong)resident.Length && (resident[page] & 1) != 0 && !memory.IsZeroPage(page);
            if (keep)
            {
                first ??= page;
                continue;
            }

            if (first is { } start)
            {
                var pages = (int)(page - start);
                runs.Add(new MemoryRun(start, pages, offset));
                offset += (long)pages << Layout.PageShift;
                first = null;
            }
        }

        return runs;
    }
}
