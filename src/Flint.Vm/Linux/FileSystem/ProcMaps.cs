using System.Globalization;
using System.Text;
using Flint.Vm.Memory;

namespace Flint.Vm.Linux.FileSystem;

/// <summary>/proc/self/maps from the address space: one line per run of pages with the same permissions, as Linux formats it.</summary>
internal static class ProcMaps
{
    public static byte[] Generate(GuestProcess process)
    {
        var space = process.AddressSpace;
        var text = new StringBuilder();
        var start = 0UL;
        var current = PageFlags.None;
        var end = process.Memory.Size;
        for (var page = Layout.UserSpaceStart; page <= end; page += Layout.PageSize)
        {
            var flags = page < end ? process.Memory.GetPageFlags(new GuestAddress(page)) : PageFlags.None;
            var boundary = page == space.BreakStart.Value || page == space.StackBottom.Value;
            if (current != PageFlags.None && (flags != current || boundary))
            {
                AppendLine(text, process, start, page, current);
                current = PageFlags.None;
            }

            if (current == PageFlags.None && (flags & PageFlags.Mapped) != 0)
            {
                start = page;
                current = flags;
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void AppendLine(StringBuilder text, GuestProcess process, ulong start, ulong end, PageFlags flags)
    {
        var space = process.AddressSpace;
        var name = start >= space.StackBottom.Value ? "[stack]"
            : start < space.BreakStart.Value ? process.ExecutablePath
            : end <= AddressSpace.AlignUp(space.Break.Value) && start < AddressSpace.AlignUp(space.Break.Value) ? "[heap]"
            : string.Empty;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{start:x8}-{end:x8} {((flags & PageFlags.Read) != 0 ? 'r' : '-')}{((flags & PageFlags.Write) != 0 ? 'w' : '-')}{((flags & PageFlags.Execute) != 0 ? 'x' : '-')}p 00000000 00:00 0 ");
        text.Append(line);
        if (name.Length > 0)
        {
            text.Append(' ', Math.Max(1, 73 - line.Length)).Append(name);
        }

        text.Append('\n');
    }
}
