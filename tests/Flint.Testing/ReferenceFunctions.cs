using System.Security.Cryptography;
using System.Text;
using Flint.Images;
using Flint.Images.Build;

namespace Flint.Testing;

/// <summary>
/// Builds the repository's example functions once per source version and shares the result between
/// test assemblies (which run in parallel): the publish is slow, the image is the same.
/// </summary>
public static class ReferenceFunctions
{
    private static readonly SemaphoreSlim InProcess = new(1, 1);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The build output directory of <c>functions/hello</c> (static ELF + <c>oci/</c>).</summary>
    public static Task<string> HelloAsync() => BuildAsync("hello");

    public static async Task<string> BuildAsync(string function)
    {
        var source = Path.Combine(RepositoryRoot, "functions", function);
        var output = Path.Combine(Path.GetTempPath(), "flint-test-images", $"{function}-{SourceHash(source)}");
        if (File.Exists(Path.Combine(output, ".complete")))
        {
            return output;
        }

        await InProcess.WaitAsync().ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            using var crossProcess = await AcquireFileLockAsync(output + ".lock").ConfigureAwait(false);
            if (!File.Exists(Path.Combine(output, ".complete")))
            {
                await ImageBuilder.BuildAsync(source, output, TextWriter.Null, CancellationToken.None).ConfigureAwait(false);
                await File.WriteAllTextAsync(Path.Combine(output, ".complete"), "").ConfigureAwait(false);
            }

            return output;
        }
        finally
        {
            InProcess.Release();
        }
    }

    public static async Task<FunctionImage> HelloImageAsync() => FunctionImage.Load(await HelloAsync().ConfigureAwait(false));

    private static async Task<FileStream> AcquireFileLockAsync(string path)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(200).ConfigureAwait(false);
            }
        }
    }

    private static string SourceHash(string directory)
    {
        var builder = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                     .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            builder.Append(Path.GetRelativePath(directory, file)).Append(':').Append(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)))).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())))[..16];
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Flint.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("tests must run inside the Flint repository");
    }
}
