using Flint.Vm.Loader;

namespace Flint.Fuzz.Targets;

/// <summary>The ELF loader's parser: a guest executable is outside input. Refusal: <see cref="ElfFormatException"/>.</summary>
internal sealed class ElfTarget : IFuzzTarget
{
    public string Name => FuzzTargets.Elf;

    public void Run(byte[] input)
    {
        try
        {
            ElfFile.Parse(input);
        }
        catch (ElfFormatException)
        {
        }
    }
}
