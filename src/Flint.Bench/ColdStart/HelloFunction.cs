namespace Flint.Bench.ColdStart;

/// <summary>What the reference function <c>functions/hello</c> answers, for checking every response.</summary>
public static class HelloFunction
{
    public const string Path = "/";
    public const string ExpectedBody = "Hello from Flint!\n";
}
