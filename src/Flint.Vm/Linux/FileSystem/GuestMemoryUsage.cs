using Flint.Vm.Memory;

namespace Flint.Vm.Linux.FileSystem;

/// <summary>The guest's memory as /proc/meminfo, sysinfo and the cgroup files report it: total is the memory limit.</summary>
internal static class GuestMemoryUsage
{
    public static ulong Total(GuestProcess process) => process.Memory.Size;

    /// <summary>Bytes in pages the guest can access (reservations without access bits are not counted).</summary>
    public static ulong Used(GuestProcess process)
    {
        ulong pages = 0;
        for (var page = Layout.UserSpaceStart; page < process.Memory.Size; page += Layout.PageSize)
        {
            if ((process.Memory.GetPageFlags(new GuestAddress(page)) & (PageFlags.Read | PageFlags.Write | PageFlags.Execute)) != 0)
            {
                pages++;
            }
        }

        return Math.Min(pages * Layout.PageSize, Total(process));
    }

    public static ulong Free(GuestProcess process) => Total(process) - Used(process);
}
