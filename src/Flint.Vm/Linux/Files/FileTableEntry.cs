namespace Flint.Vm.Linux.Files;

/// <summary>One fd: the description it refers to and its close-on-exec flag.</summary>
internal readonly record struct FileTableEntry(OpenFile File, bool CloseOnExec);
