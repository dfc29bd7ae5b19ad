namespace Flint.Gateway.Store;

/// <summary>
/// The function store could not be written (a read-only or full data directory, an I/O error). SQLite
/// rolls the write back, so the store keeps what it held; the request that tried gets a 503 saying why.
/// </summary>
internal sealed class StoreException(string message, Exception inner) : Exception(message, inner);
