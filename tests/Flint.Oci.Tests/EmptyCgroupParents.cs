namespace Flint.Oci.Tests;

/// <summary>Removes a top-level cgroup directory the tests' containers shared, in every hierarchy, when it is empty.</summary>
internal static class EmptyCgroupParents
{
    public static void Remove(string name)
    {
        foreach (var directory in (string[])["/sys/fs/cgroup", .. Directory.Exists("/sys/fs/cgroup") ? Directory.GetDirectories("/sys/fs/cgroup") : []])
        {
            try
            {
                Directory.Delete(Path.Combine(directory, name));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Absent, or still used by a container another test runs.
            }
        }
    }
}
