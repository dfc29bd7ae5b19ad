namespace Flint.Bench.Gateway;

/// <summary>The gateway refused or failed a management call; the message carries its status and error.</summary>
public sealed class GatewayException : Exception
{
    public GatewayException()
    {
    }

    public GatewayException(string message)
        : base(message)
    {
    }

    public GatewayException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
