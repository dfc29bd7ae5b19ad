namespace Flint.Testing;

/// <summary>A child of the test process, as /proc shows it (zombies included: they are not reaped yet).</summary>
/// <param name="Pid"></param>
/// <param name="State"></param>
/// <param name="Executable">Where its exe link points; null once it has exited (a zombie) or when unreadable.</param>
/// <param name="Command">Its command name (/proc/PID/comm), kept for zombies too.</param>
public sealed record ChildProcess(int Pid, char State, string? Executable, string? Command);
