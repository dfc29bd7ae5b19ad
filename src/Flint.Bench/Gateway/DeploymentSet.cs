namespace Flint.Bench.Gateway;

/// <summary>Which runtimes got their benchmark function deployed, and why the others did not.</summary>
public sealed record DeploymentSet(IReadOnlyList<string> Deployed, IReadOnlyList<RuntimeStatus> NotDeployed);
