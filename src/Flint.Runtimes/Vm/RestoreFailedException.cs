namespace Flint.Runtimes.Vm;

/// <summary>A <c>vm-snapshot</c> instance could not be restored from the snapshot under <see cref="Key"/>.</summary>
internal sealed class RestoreFailedException(string key, string message, Exception innerException) : Exception(message, innerException)
{
    public string Key { get; } = key;
}
