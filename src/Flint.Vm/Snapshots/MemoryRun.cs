namespace Flint.Vm.Snapshots;

/// <summary><paramref name="Pages"/> guest pages from <paramref name="FirstPage"/>, stored at <paramref name="Offset"/> bytes into the page data.</summary>
internal readonly record struct MemoryRun(ulong FirstPage, int Pages, long Offset);
