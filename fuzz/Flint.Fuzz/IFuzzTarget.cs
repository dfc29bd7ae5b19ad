namespace Flint.Fuzz;

/// <summary>
/// One parser that takes outside input, run on one input. The parser's documented refusal (its exception,
/// or an error value) is an ordinary outcome and returns; any other exception escapes and is a crash.
/// </summary>
internal interface IFuzzTarget
{
    string Name { get; }

    void Run(byte[] input);
}
