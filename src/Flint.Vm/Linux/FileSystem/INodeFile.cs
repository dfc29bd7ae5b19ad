namespace Flint.Vm.Linux.FileSystem;

/// <summary>An open file description opened by path: what openat's dirfd, fchdir and fstatfs need to know.</summary>
internal interface INodeFile
{
    FsNode Node { get; }
}
