using System.CommandLine;
using Flint.Images.Build;

namespace Flint.Cli.Commands;

/// <summary><c>flint build &lt;function-dir&gt; [-o DIR]</c>: static ELF + OCI image layout.</summary>
internal static class BuildCommand
{
    public static Command Create()
    {
        var directory = new Argument<DirectoryInfo>("function-dir") { Description = "A .NET function project directory (e.g. functions/hello)" };
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "Output directory (default: <function-dir>/bin/image)" };
        var command = new Command("build", "Publish a function as a static executable and an OCI image layout") { directory, output };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var source = parse.GetRequiredValue(directory);
            var target = parse.GetValue(output)?.FullName ?? Path.Combine(source.FullName, "bin", "image");
            Console.Error.WriteLine($"publishing {source.FullName} (NativeAOT, static)...");
            var result = await ImageBuilder.BuildAsync(source.FullName, target, Console.Error, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"function   {result.Name}");
            Console.WriteLine($"executable {result.ExecutablePath} ({Sizes.Format(result.ExecutableBytes)})");
            Console.WriteLine($"image      {result.LayoutDirectory} (OCI layout, tag {result.Name})");
            Console.WriteLine($"digest     {result.Image.ManifestDigest}");
            Console.WriteLine($"layer      {Sizes.Format(result.Image.LayerCompressedBytes)} gzip, {Sizes.Format(result.Image.LayerUncompressedBytes)} uncompressed");
            return 0;
        }));
        return command;
    }
}
