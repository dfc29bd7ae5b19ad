namespace Flint.Gateway.Ui;

/// <summary>A deployed function as <c>/ui</c> lists it: live instances now, invocations since the gateway started.</summary>
internal sealed record UiFunction(string Name, string Runtime, string Mode, int Instances, long Invocations);
