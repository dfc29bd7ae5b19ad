namespace Flint.Vm.Linux.FileSystem;

/// <summary>The result of resolving a guest path: the node, or a negative errno.</summary>
internal readonly record struct FsLookup(FsNode? Node, long Error)
{
    public static FsLookup Found(FsNode node) => new(node, 0);

    public static FsLookup Failed(int errno) => new(null, -errno);
}
