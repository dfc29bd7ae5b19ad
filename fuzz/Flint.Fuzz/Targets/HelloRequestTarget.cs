using Hello;

namespace Flint.Fuzz.Targets;

/// <summary>The hello function's HTTP/1.1 request-head parser: bytes from any client. Refusal: it returns false.</summary>
internal sealed class HelloRequestTarget : IFuzzTarget
{
    public string Name => FuzzTargets.HelloRequest;

    public void Run(byte[] input)
    {
        if (RequestHead.TryParse(input, out var head) && (head.Method is null || head.Path is null))
        {
            throw new InvalidOperationException("a parsed request head without a method or path");
        }
    }
}
