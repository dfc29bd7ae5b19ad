namespace Flint.Bench.Memory;

/// <summary>
/// This process's proportional set size (/proc/self/smaps_rollup): where in-process runtimes (the Flint VMs) keep
/// their instances, so its growth per instance is their memory cost, shared pages counted in proportion.
/// </summary>
public static class SelfMemory
{
    public const string DefaultPath = "/proc/self/smaps_rollup";

    /// <summary>The PSS in bytes, or null where the kernel has no smaps_rollup.</summary>
    public static long? PssBytes(string path = DefaultPath)
    {
        try
        {
            return MemInfo.Field(File.ReadAllLines(path), "Pss");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null;
        }
    }
}
