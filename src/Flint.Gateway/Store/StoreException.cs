namespace Flint.Gateway.Store;

/// <summary>
/// The function store could not be written (a read-only or full data directory, an I/O error). SQLite
/// rolls the write back, so the store keeps what it held; the request that tried gets a 507 when the
/// data directory is full, else a 503, saying why.
/// </summary>
internal sealed class StoreException(string message, int status, Exception inner) : Exception(message, inner)
{
    /// <summary>The HTTP status of the answer.</summary>
    public int Status { get; } = status;
}
