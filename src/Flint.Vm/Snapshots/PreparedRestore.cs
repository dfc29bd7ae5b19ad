using Flint.Vm.Cpu;
using Flint.Vm.Memory;

namespace Flint.Vm.Snapshots;

/// <summary>
/// The part of a restore that is the same for every instance, done ahead of time: the platform's VM and memory slot,
/// the snapshot's pages mapped copy-on-write (mapped, not touched), the page flags, tables and break, and a vCPU per
/// snapshot thread with its registers, FS base and extended state. What is left for the instance itself is the
/// process: its streams, its listening socket and the fds around it.
/// </summary>
internal sealed class PreparedRestore : IDisposable
{
    private PreparedRestore(IVmPlatform platform, GuestMemory memory, AddressSpace space, IVcpu[] vcpus)
    {
        Platform = platform;
        Memory = memory;
        Space = space;
        Vcpus = vcpus;
    }

    public IVmPlatform Platform { get; }

    public GuestMemory Memory { get; }

    public AddressSpace Space { get; }

    /// <summary>One per <see cref="VmSnapshot.Threads"/>, in that order.</summary>
    public IVcpu[] Vcpus { get; }

    public static PreparedRestore Prepare(VmSnapshot snapshot, IVmPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(platform);
        GuestMemory? memory = null;
        var vcpus = new List<IVcpu>();
        try
        {
            if (snapshot.Platform != platform.Name)
            {
                throw new SnapshotException($"the snapshot was taken on {snapshot.Platform}, not {platform.Name}");
            }

            memory = new GuestMemory(Layout.AddressSpaceSize, snapshot.MemoryLimitBytes);
            platform.MapMemory(memory);
            foreach (var run in snapshot.Runs)
            {
                memory.MapPrivate(snapshot.File, snapshot.DataOffset + run.Offset, new GuestAddress(run.FirstPage << Layout.PageShift), (ulong)run.Pages << Layout.PageShift);
            }

            foreach (var (first, pages, flags) in snapshot.FlagRuns)
            {
                memory.SetPageFlags(new GuestAddress(first << Layout.PageShift), (ulong)pages << Layout.PageShift, flags);
            }

            var tables = new PageTables(memory, platform.HasNoExecute, snapshot.NextPageTable);
            var space = new AddressSpace(memory, tables);
            space.RestoreBreak(new GuestAddress(snapshot.BreakStart), new GuestAddress(snapshot.Break));
            foreach (var thread in snapshot.Threads)
            {
                var vcpu = platform.CreateVcpu(tables.Root, thread.Context);
                vcpus.Add(vcpu);
                vcpu.FsBase = thread.FsBase;
                vcpu.RestoreExtendedState(thread.ExtendedState);
            }

            space.NeedsFlush = false;
            return new PreparedRestore(platform, memory, space, [.. vcpus]);
        }
        catch (Exception e)
        {
            foreach (var vcpu in vcpus)
            {
                vcpu.Dispose();
            }

            platform.Dispose();
            memory?.Dispose();
            throw e is ArgumentException ? new SnapshotException($"{snapshot.Path} cannot be restored: {e.Message}", e) : e;
        }
    }

    public void Dispose()
    {
        foreach (var vcpu in Vcpus)
        {
            vcpu.Dispose();
        }

        Platform.Dispose();
        Memory.Dispose();
    }
}
