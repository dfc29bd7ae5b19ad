namespace Flint.Gateway.Tests.Async;

/// <summary>One result the gateway posted to a callback URL.</summary>
internal sealed record ReceivedCallback(string CallId, string FunctionStatus, string FunctionName, string Body);
