namespace Flint.Vm.Loader;

/// <summary>Where an executable ended up in guest memory: what the initial stack's auxv and the brk heap need.</summary>
internal sealed record LoadedImage(
    GuestAddress Entry,
    GuestAddress ProgramHeaders,
    int ProgramHeaderCount,
    ulong LoadBias,
    GuestAddress End);
