using System.Globalization;

namespace Flint.Bench.Memory;

/// <summary>Reads fields of <c>/proc/meminfo</c> (reported in kB there) as bytes.</summary>
public static class MemInfo
{
    public const string DefaultPath = "/proc/meminfo";

    public static long AvailableBytes(string path = DefaultPath) => Field(File.ReadAllLines(path), "MemAvailable");

    public static long TotalBytes(string path = DefaultPath) => Field(File.ReadAllLines(path), "MemTotal");

    public static long Field(IEnumerable<string> lines, string name)
    {
        ArgumentNullException.ThrowIfNull(lines);
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).SequenceEqual(name))
            {
                var parts = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var value = long.Parse(parts[0], CultureInfo.InvariantCulture);
                return parts is [_, "kB"] ? value * 1024 : value;
            }
        }

        throw new InvalidDataException($"meminfo has no {name} line");
    }
}
