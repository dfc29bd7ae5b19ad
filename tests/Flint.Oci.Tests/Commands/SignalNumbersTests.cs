using Flint.Oci.Cli;
using Flint.Oci.Commands;

namespace Flint.Oci.Tests.Commands;

public sealed class SignalNumbersTests
{
    [Theory]
    [InlineData("9", 9)]
    [InlineData("KILL", 9)]
    [InlineData("SIGKILL", 9)]
    [InlineData("sigterm", 15)]
    [InlineData("HUP", 1)]
    [InlineData("SYS", 31)]
    [InlineData("64", 64)]
    public void Parse_NumberOrName_GivesLinuxNumber(string text, int expected) => Assert.Equal(expected, SignalNumbers.Parse(text));

    [Theory]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("-1")]
    [InlineData("SIGNOPE")]
    [InlineData("")]
    public void Parse_NotASignal_IsRefused(string text) => Assert.Throws<OciException>(() => SignalNumbers.Parse(text));
}
