using Flint.Fuzz.Targets;

namespace Flint.Fuzz;

/// <summary>The fuzzing targets by name; each gets a scratch directory of its own for what it writes.</summary>
internal static class FuzzTargets
{
    public const string Elf = "elf";
    public const string Layout = "layout";
    public const string Layer = "layer";
    public const string Deploy = "deploy";
    public const string HelloRequest = "hello-request";

    public static IReadOnlyList<string> Names { get; } = [Elf, Layout, Layer, Deploy, HelloRequest];

    public static IFuzzTarget? Create(string name, string scratchDirectory) => name switch
    {
        Elf => new ElfTarget(),
        Layout => new LayoutTarget(scratchDirectory),
        Layer => new LayerTarget(scratchDirectory),
        Deploy => new DeployTarget(scratchDirectory),
        HelloRequest => new HelloRequestTarget(),
        _ => null,
    };
}
