using System.CommandLine;
using Flint.Images.Build;
using Flint.Images.Registry;

namespace Flint.Cli.Commands;

/// <summary><c>flint build &lt;function-dir&gt; [-o DIR] [--push REF]</c>: static ELF + OCI image layout, pushed to a registry if asked.</summary>
internal static class BuildCommand
{
    public static Command Create()
    {
        var directory = new Argument<DirectoryInfo>("function-dir") { Description = "A .NET function project directory (e.g. functions/hello)" };
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "Output directory (default: <function-dir>/bin/image)" };
        var push = new Option<string?>("--push") { Description = "Also push the image to a registry, e.g. localhost:5000/hello:latest (with skopeo; plain HTTP for a registry on this host)" };
        var command = new Command("build", "Publish a function as a static executable and an OCI image layout") { directory, output, push };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var source = parse.GetRequiredValue(directory);
            ImageReference? destination = null;
            if (parse.GetValue(push) is { } pushText && !ImageReference.TryParse(pushText, out destination))
            {
                Console.Error.WriteLine($"flint: --push '{pushText}' is not a registry reference with its registry, such as localhost:5000/hello:latest");
                return 2;
            }

            var target = parse.GetValue(output)?.FullName ?? Path.Combine(source.FullName, "bin", "image");
            Console.Error.WriteLine($"publishing {source.FullName} (NativeAOT, static)...");
            var result = await ImageBuilder.BuildAsync(source.FullName, target, Console.Error, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"function   {result.Name}");
            Console.WriteLine($"executable {result.ExecutablePath} ({Sizes.Format(result.ExecutableBytes)})");
            Console.WriteLine($"image      {result.LayoutDirectory} (OCI layout, tag {result.Name})");
            Console.WriteLine($"digest     {result.Image.ManifestDigest}");
            Console.WriteLine($"layer      {Sizes.Format(result.Image.LayerCompressedBytes)} gzip, {Sizes.Format(result.Image.LayerUncompressedBytes)} uncompressed");
            if (destination is not null)
            {
                Console.Error.WriteLine($"pushing to {destination}...");
                await Skopeo.PushAsync(result.LayoutDirectory, destination, cancellationToken).ConfigureAwait(false);
                Console.WriteLine($"pushed     {destination}");
            }

            return 0;
        }));
        return command;
    }
}
