namespace Flint.Testing;

/// <summary>
/// Where a test leaves a file for a person to look at (a screenshot): <c>artifacts/test-results/</c> of
/// the checkout the tests were built in, beside the reports <c>scripts/test.sh</c> writes there; the
/// test's output folder when it runs outside a checkout.
/// </summary>
public static class TestArtifacts
{
    public static string PathFor(string fileName)
    {
        var directory = Path.Combine(CheckoutRoot() ?? AppContext.BaseDirectory, "artifacts", "test-results");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, fileName);
    }

    private static string? CheckoutRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Flint.slnx")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
