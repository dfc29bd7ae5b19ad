using Flint.Testing;

namespace Flint.Fuzz.Tests;

/// <summary>
/// The inputs kept in the repository per target: the seed corpus (<c>fuzz/corpus/&lt;target&gt;/</c>) and every
/// input that once crashed a parser (<c>fuzz/regressions/&lt;target&gt;/</c>), as (target, path from the root).
/// </summary>
internal static class FuzzInputs
{
    public static string Root => ReferenceFunctions.RepositoryRoot;

    public static TheoryData<string, string> Seeds() => Under("fuzz/corpus");

    public static TheoryData<string, string> Regressions() => Under("fuzz/regressions");

    private static TheoryData<string, string> Under(string folder)
    {
        var data = new TheoryData<string, string>();
        foreach (var target in FuzzTargets.Names)
        {
            var directory = Path.Combine(Root, folder, target);
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
            {
                data.Add(target, Path.GetRelativePath(Root, file));
            }
        }

        return data;
    }
}
