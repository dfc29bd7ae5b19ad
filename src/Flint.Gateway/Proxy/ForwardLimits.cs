namespace Flint.Gateway.Proxy;

/// <summary>The limits one forward ran under, for messages that name the one that was reached.</summary>
/// <param name="Request">The function's timeout: the whole forwarded exchange, from sending the request to the response's last byte.</param>
/// <param name="Connect">How long connecting to the instance may take.</param>
internal sealed record ForwardLimits(TimeSpan Request, TimeSpan Connect);
