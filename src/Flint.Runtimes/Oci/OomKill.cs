namespace Flint.Runtimes.Oci;

/// <summary>
/// Marks, and lets callers recognise, an instance the kernel killed because it exceeded its memory
/// limit, so the gateway can answer "killed: memory limit exceeded" rather than a generic failure.
/// </summary>
public static class OomKill
{
    public const string Message = "killed: memory limit exceeded";

    private const string DataKey = "Flint.MemoryLimitExceeded";

    public static bool WasMemoryLimitExceeded(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Data[DataKey] is true;
    }

    internal static TException Mark<TException>(TException exception)
        where TException : Exception
    {
        exception.Data[DataKey] = true;
        return exception;
    }
}
