using Flint.Images.Oci;

namespace Flint.Images.Build;

/// <summary>
/// Turns a function project into <c>&lt;out&gt;/&lt;name&gt;</c> (the static ELF) and
/// <c>&lt;out&gt;/oci/</c> (an OCI image layout whose single layer holds it at <c>/function</c>).
/// </summary>
public static class ImageBuilder
{
    public static async Task<BuildResult> BuildAsync(string functionDirectory, string outputDirectory, TextWriter log, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(functionDirectory))
        {
            throw new ImageException($"function directory '{functionDirectory}' does not exist");
        }

        var publish = Directory.CreateTempSubdirectory("flint-publish-").FullName;
        try
        {
            var published = await FunctionPublisher.PublishAsync(functionDirectory, publish, log, cancellationToken).ConfigureAwait(false);
            return Package(published, outputDirectory);
        }
        finally
        {
            Directory.Delete(publish, recursive: true);
        }
    }

    /// <summary>Packages an already-built static executable (any language) as a function image.</summary>
    public static BuildResult Package(string executablePath, string outputDirectory)
    {
        if (StaticElf.WhyNotStatic(executablePath) is { } reason)
        {
            throw new ImageException($"'{executablePath}' cannot be a Flint function: {reason}");
        }

        var name = Path.GetFileName(executablePath);
        Directory.CreateDirectory(outputDirectory);
        var executable = Path.Combine(Path.GetFullPath(outputDirectory), name);
        if (Path.GetFullPath(executablePath) != executable)
        {
            File.Copy(executablePath, executable, overwrite: true);
        }

        var layout = Path.Combine(Path.GetFullPath(outputDirectory), FunctionImage.LayoutFolderName);
        if (Directory.Exists(layout))
        {
            Directory.Delete(layout, recursive: true);
        }

        var summary = OciLayoutWriter.Write(executable, layout, name);
        return new BuildResult(name, Path.GetFullPath(outputDirectory), executable, new FileInfo(executable).Length, layout, summary);
    }
}
