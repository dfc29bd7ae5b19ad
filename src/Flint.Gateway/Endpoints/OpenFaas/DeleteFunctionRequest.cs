namespace Flint.Gateway.Endpoints.OpenFaas;

/// <summary>The body of OpenFaaS's <c>DELETE /system/functions</c>.</summary>
internal sealed record DeleteFunctionRequest(string? FunctionName);
