namespace Flint.Runtimes.Tests.Process;

/// <summary>
/// The test classes whose checks count the test process's <c>function</c> children, zombies included: a zombie has
/// no executable link left, so one class's exiting instance would count in another's check. They run one at a time.
/// </summary>
[CollectionDefinition]
public sealed class ProcessChildren;
