using System.Net;
using Flint.Interop.Libc;
using Flint.Vm.Linux;
using Flint.Vm.Linux.Events;
using Flint.Vm.Linux.Files;
using Flint.Vm.Linux.FileSystem;
using Flint.Vm.Linux.Net;

namespace Flint.Vm.Snapshots;

/// <summary>
/// The guest's fd table in a snapshot: each open file description once (fds that share one keep sharing it), the
/// pipe buffers behind pipe ends, then fd to description with close-on-exec. Files of the image and of /proc, /sys
/// and /dev are opened again by guest path at the same position (the image is read-only, so it is the same file;
/// a synthesized file is generated afresh). A description a snapshot cannot carry (a connected socket) refuses the
/// snapshot with a message naming its fd.
/// </summary>
internal static class OpenFileCodec
{
    private enum Kind : byte
    {
        StandardInput = 1,
        Stdout = 2,
        Stderr = 3,
        Socket = 4,
        Epoll = 5,
        EventFd = 6,
        Pipe = 7,
        Inotify = 8,
        Node = 9,
    }

    public static void Write(BinaryWriter writer, GuestProcess process)
    {
        var entries = process.Files.Entries();
        var files = new List<OpenFile>();
        var index = new Dictionary<OpenFile, int>(ReferenceEqualityComparer.Instance);
        var pipes = new List<PipeBuffer>();
        foreach (var (fd, entry) in entries)
        {
            if (index.TryAdd(entry.File, files.Count))
            {
                files.Add(entry.File);
                Check(process, fd, entry.File);
                if (entry.File is PipeEnd pipe && !pipes.Contains(pipe.Buffer))
                {
                    pipes.Add(pipe.Buffer);
                }
            }
        }

        writer.Write(process.Files.Limit);
        writer.Write(pipes.Count);
        foreach (var pipe in pipes)
        {
            WritePipe(writer, pipe);
        }

        writer.Write(files.Count);
        foreach (var file in files)
        {
            WriteFile(writer, process, file, index, pipes);
        }

        writer.Write(entries.Count);
        foreach (var (fd, entry) in entries)
        {
            writer.Write(fd);
            writer.Write(index[entry.File]);
            writer.Write(entry.CloseOnExec);
        }
    }

    /// <summary>Replaces the new process's fds with the snapshot's.</summary>
    public static void Read(BinaryReader reader, GuestProcess process)
    {
        var table = process.Files;
        foreach (var (fd, _) in table.Entries())
        {
            table.Close((ulong)fd);
        }

        table.Limit = Bounded(reader.ReadInt32(), 3, 1 << 20, "fd limit");
        var pipes = new PipeBuffer[Bounded(reader.ReadInt32(), 0, 1 << 16, "pipe count")];
        for (var i = 0; i < pipes.Length; i++)
        {
            pipes[i] = ReadPipe(reader, process);
        }

        var files = new OpenFile[Bounded(reader.ReadInt32(), 0, table.Limit, "file count")];
        var interests = new List<(EpollFile Epoll, int Fd, int File, uint Events, ulong Data, bool Disarmed)>();
        for (var i = 0; i < files.Length; i++)
        {
            files[i] = ReadFile(reader, process, pipes, interests);
        }

        var installed = new bool[files.Length];
        var count = Bounded(reader.ReadInt32(), 0, table.Limit, "fd count");
        for (var i = 0; i < count; i++)
        {
            var fd = Bounded(reader.ReadInt32(), 0, table.Limit - 1, "fd");
            var file = Bounded(reader.ReadInt32(), 0, files.Length - 1, "file index");
            var closeOnExec = reader.ReadBoolean();
            if (installed[file])
            {
                files[file].AddReference();
            }

            installed[file] = true;
            table.InstallAt(fd, files[file], closeOnExec);
        }

        foreach (var (epoll, fd, file, events, data, disarmed) in interests)
        {
            var target = files[Bounded(file, 0, files.Length - 1, "epoll target")];
            epoll.Restore(new EpollInterest(fd, target) { Events = events, Data = data, Disarmed = disarmed });
        }
    }

    private static void Check(GuestProcess process, int fd, OpenFile file)
    {
        var carried = file switch
        {
            StandardInput or EpollFile or EventFdFile or PipeEnd or InotifyFile or INodeFile => true,
            OutputStreamFile output => output.Output == process.Stdout || output.Output == process.Stderr,
            GuestSocket socket => socket.State is SocketState.Created or SocketState.Bound or SocketState.Listening,
            _ => false,
        };
        if (!carried)
        {
            var what = file is GuestSocket socket ? $"a {socket.State.ToString().ToLowerInvariant()} socket" : file.GetType().Name;
            throw new SnapshotException($"fd {fd} is {what}, which a snapshot cannot carry");
        }
    }

    private static void WriteFile(BinaryWriter writer, GuestProcess process, OpenFile file, Dictionary<OpenFile, int> index, List<PipeBuffer> pipes)
    {
        switch (file)
        {
            case StandardInput:
                Header(writer, Kind.StandardInput, file);
                break;
            case OutputStreamFile output:
                Header(writer, output.Output == process.Stdout ? Kind.Stdout : Kind.Stderr, file);
                break;
            case GuestSocket socket:
                Header(writer, Kind.Socket, file);
                writer.Write(socket.Family);
                writer.Write((byte)socket.State);
                WriteEndPoint(writer, socket.LocalEndPoint);
                var options = socket.Options.All;
                writer.Write(options.Length);
                foreach (var ((level, name), value) in options)
                {
                    writer.Write(level);
                    writer.Write(name);
                    writer.Write(value.Length);
                    writer.Write(value);
                }

                break;
            case EpollFile epoll:
                Header(writer, Kind.Epoll, file);
                var live = epoll.Interests.Where(i => index.ContainsKey(i.File)).ToArray();
                writer.Write(live.Length);
                foreach (var interest in live)
                {
                    writer.Write(interest.Fd);
                    writer.Write(index[interest.File]);
                    writer.Write(interest.Events);
                    writer.Write(interest.Data);
                    writer.Write(interest.Disarmed);
                }

                break;
            case EventFdFile eventFd:
                Header(writer, Kind.EventFd, file);
                writer.Write(eventFd.Count);
                writer.Write(eventFd.IsSemaphore);
                break;
            case PipeEnd pipe:
                Header(writer, Kind.Pipe, file);
                writer.Write(pipes.IndexOf(pipe.Buffer));
                writer.Write(pipe.IsReader);
                break;
            case InotifyFile inotify:
                Header(writer, Kind.Inotify, file);
                var (watches, last) = inotify.State;
                writer.Write(watches.Length);
                foreach (var (inode, descriptor) in watches)
                {
                    writer.Write(inode);
                    writer.Write(descriptor);
                }

                writer.Write(last);
                break;
            case INodeFile node:
                Header(writer, Kind.Node, file);
                writer.Write(node.Node.GuestPath);
                writer.Write(file is PathFile ? 0 : Math.Max(0, file.Seek(0, SeekableContent.SEEK_CUR)));
                break;
            default:
                throw new SnapshotException($"{file.GetType().Name} cannot be carried by a snapshot");
        }
    }

    private static OpenFile ReadFile(BinaryReader reader, GuestProcess process, PipeBuffer[] pipes,
        List<(EpollFile, int, int, uint, ulong, bool)> interests)
    {
        var kind = (Kind)reader.ReadByte();
        var statusFlags = reader.ReadInt32();
        OpenFile file = kind switch
        {
            Kind.StandardInput => new StandardInput(),
            Kind.Stdout => new OutputStreamFile(process.Stdout),
            Kind.Stderr => new OutputStreamFile(process.Stderr),
            Kind.Socket => ReadSocket(reader, process, statusFlags),
            Kind.Epoll => ReadEpoll(reader, interests),
            Kind.EventFd => new EventFdFile(process.Readiness, reader.ReadUInt64(), reader.ReadBoolean()),
            Kind.Pipe => new PipeEnd(pipes[Bounded(reader.ReadInt32(), 0, pipes.Length - 1, "pipe index")], reader.ReadBoolean()),
            Kind.Inotify => ReadInotify(reader),
            Kind.Node => ReadNode(reader, process, statusFlags),
            _ => throw new SnapshotException($"unknown open file kind {(byte)kind}"),
        };
        file.StatusFlags = statusFlags;
        return file;
    }

    private static GuestSocket ReadSocket(BinaryReader reader, GuestProcess process, int statusFlags)
    {
        var socket = new GuestSocket(reader.ReadInt32(), statusFlags);
        var state = (SocketState)reader.ReadByte();
        var local = ReadEndPoint(reader);
        var options = Bounded(reader.ReadInt32(), 0, 256, "socket option count");
        for (var i = 0; i < options; i++)
        {
            var level = reader.ReadInt32();
            var name = reader.ReadInt32();
            var value = reader.ReadBytes(Bounded(reader.ReadInt32(), 0, SocketOptions.MaxValueBytes, "socket option length"));
            if (socket.Options.Set(level, name, value) < 0)
            {
                throw new SnapshotException($"socket option {level}/{name} cannot be restored");
            }
        }

        if (socket.Restore(process.Network, state, local) < 0)
        {
            throw new SnapshotException($"a {state.ToString().ToLowerInvariant()} socket cannot be restored: the VM has no listening socket to lend it");
        }

        return socket;
    }

    private static OpenFile ReadNode(BinaryReader reader, GuestProcess process, int statusFlags)
    {
        var path = reader.ReadString();
        var position = reader.ReadInt64();
        var lookup = process.FileSystem.Resolve("/", path, followLast: false, process);
        long error = lookup.Error;
        if (lookup.Node is not { } node || NodeOpener.Open(process.FileSystem, node, statusFlags, process, out error) is not { } file)
        {
            throw new SnapshotException($"{path} cannot be opened again ({Errno.Name((int)-error)})");
        }

        if (position > 0 && file.Seek(position, SeekableContent.SEEK_SET) != position)
        {
            throw new SnapshotException($"{path} cannot be positioned at {position} again");
        }

        return file;
    }

    private static EpollFile ReadEpoll(BinaryReader reader, List<(EpollFile, int, int, uint, ulong, bool)> interests)
    {
        var epoll = new EpollFile();
        var count = Bounded(reader.ReadInt32(), 0, 1 << 20, "epoll interest count");
        for (var i = 0; i < count; i++)
        {
            interests.Add((epoll, reader.ReadInt32(), reader.ReadInt32(), reader.ReadUInt32(), reader.ReadUInt64(), reader.ReadBoolean()));
        }

        return epoll;
    }

    private static InotifyFile ReadInotify(BinaryReader reader)
    {
        var count = Bounded(reader.ReadInt32(), 0, InotifyFile.MaxWatches, "inotify watch count");
        var watches = new KeyValuePair<ulong, int>[count];
        for (var i = 0; i < count; i++)
        {
            watches[i] = new(reader.ReadUInt64(), reader.ReadInt32());
        }

        return new InotifyFile { State = (watches, reader.ReadInt32()) };
    }

    private static void WritePipe(BinaryWriter writer, PipeBuffer pipe)
    {
        lock (pipe.Lock)
        {
            writer.Write(pipe.Count);
            for (var i = 0; i < pipe.Count; i++)
            {
                writer.Write(pipe.Bytes[(pipe.Start + i) % PipeBuffer.Capacity]);
            }

            writer.Write(pipe.ReaderOpen);
            writer.Write(pipe.WriterOpen);
        }
    }

    private static PipeBuffer ReadPipe(BinaryReader reader, GuestProcess process)
    {
        var pipe = new PipeBuffer(process.Readiness);
        var count = Bounded(reader.ReadInt32(), 0, PipeBuffer.Capacity, "pipe byte count");
        reader.ReadBytes(count).CopyTo(pipe.Bytes, 0);
        pipe.Count = count;
        pipe.ReaderOpen = reader.ReadBoolean();
        pipe.WriterOpen = reader.ReadBoolean();
        return pipe;
    }

    private static void Header(BinaryWriter writer, Kind kind, OpenFile file)
    {
        writer.Write((byte)kind);
        writer.Write(file.StatusFlags);
    }

    private static void WriteEndPoint(BinaryWriter writer, IPEndPoint? endPoint)
    {
        var address = endPoint?.Address.GetAddressBytes() ?? [];
        writer.Write((byte)address.Length);
        writer.Write(address);
        writer.Write(endPoint?.Port ?? 0);
    }

    private static IPEndPoint? ReadEndPoint(BinaryReader reader)
    {
        var length = reader.ReadByte();
        if (length is not (0 or 4 or 16))
        {
            throw new SnapshotException($"a socket address of {length} bytes");
        }

        var address = reader.ReadBytes(length);
        var port = Bounded(reader.ReadInt32(), 0, IPEndPoint.MaxPort, "port");
        return length == 0 ? null : new IPEndPoint(new IPAddress(address), port);
    }

    internal static int Bounded(int value, int min, int max, string what)
        => value >= min && value <= max ? value : throw new SnapshotException($"{what} {value} is outside [{min}, {max}]");
}
