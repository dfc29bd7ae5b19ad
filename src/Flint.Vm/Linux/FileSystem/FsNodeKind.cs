namespace Flint.Vm.Linux.FileSystem;

/// <summary>What a path names in the guest's file system.</summary>
internal enum FsNodeKind
{
    Directory,
    Regular,
    Device,
    SymbolicLink,
}
