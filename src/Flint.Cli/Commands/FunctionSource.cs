using Flint.Images.Build;

namespace Flint.Cli.Commands;

/// <summary>A function project that <c>bench</c> and <c>soak</c> build themselves when no image is given.</summary>
internal static class FunctionSource
{
    /// <summary>Builds <paramref name="source"/> into its <c>bin/image</c> and returns that build directory.</summary>
    public static async Task<string> BuildAsync(DirectoryInfo source, CancellationToken cancellationToken)
    {
        var target = Path.Combine(source.FullName, "bin", "image");
        await Console.Error.WriteLineAsync($"building {source.FullName} (NativeAOT, static)...").ConfigureAwait(false);
        var result = await ImageBuilder.BuildAsync(source.FullName, target, Console.Error, cancellationToken).ConfigureAwait(false);
        return result.OutputDirectory;
    }
}
