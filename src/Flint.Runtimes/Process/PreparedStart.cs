namespace Flint.Runtimes.Process;

/// <summary>
/// A process instance launched ahead of its request: its sandbox made and entered (cgroup joined, uid
/// dropped, seccomp on), its listening socket open, and <c>flint-exec --hold</c> waiting to exec the function
/// until <see cref="ProcessInstance.Go"/>. The function itself has not run.
/// </summary>
internal sealed class PreparedStart(StartKey key, ProcessSandbox sandbox, ProcessInstance process)
{
    public StartKey Key { get; } = key;

    public ProcessSandbox Sandbox { get; } = sandbox;

    public ProcessInstance Process { get; } = process;

    public string Id => Sandbox.Id;
}
