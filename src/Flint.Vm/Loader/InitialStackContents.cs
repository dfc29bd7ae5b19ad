namespace Flint.Vm.Loader;

/// <summary>What the initial stack holds: argv, envp and the values of the auxiliary vector.</summary>
internal sealed record InitialStackContents(
    IReadOnlyList<string> Arguments,
    IReadOnlyList<string> Environment,
    string ExecutablePath,
    LoadedImage Image,
    ReadOnlyMemory<byte> RandomBytes,
    ulong HardwareCapabilities,
    uint UserId,
    uint GroupId);
