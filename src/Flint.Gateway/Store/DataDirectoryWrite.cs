namespace Flint.Gateway.Store;

/// <summary>
/// Recognises the data directory refusing a write (its device full, its quota spent, mounted read-only) and
/// turns it into the request's answer: 507 Insufficient Storage when there is no room, 503 otherwise. The
/// message names the problem, never the host path.
/// </summary>
internal static class DataDirectoryWrite
{
    private const int ENOSPC = 28;
    private const int EROFS = 30;
    private const int EDQUOT = 122;

    /// <summary>Whether the exception is the data directory refusing a write, rather than a bad request or a peer.</summary>
    public static bool IsRefusal(IOException exception) => IsFull(exception) || exception.HResult == EROFS;

    /// <summary>Whether the write failed for want of space (ENOSPC, EDQUOT); .NET carries the errno in HResult.</summary>
    public static bool IsFull(IOException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.HResult is ENOSPC or EDQUOT;
    }

    /// <summary>The answer to a request whose <paramref name="what"/> could not be written.</summary>
    public static ApiError Refused(string what, IOException exception) => IsFull(exception)
        ? Full(what)
        : new ApiError(StatusCodes.Status503ServiceUnavailable, $"{what} cannot be stored in the data directory: {Reason(exception)}");

    /// <summary>The 507 for <paramref name="what"/> when the data directory has no room left.</summary>
    public static ApiError Full(string what) => new(
        StatusCodes.Status507InsufficientStorage,
        $"{what} cannot be stored: the data directory is full (no space left on its device); nothing was changed, free space there and retry");

    /// <summary>The errno's text without the path .NET appends (<c>Read-only file system : '/path'</c>).</summary>
    private static string Reason(IOException exception)
    {
        var message = exception.Message;
        var path = message.IndexOf(" : '", StringComparison.Ordinal);
        return path < 0 ? message : message[..path];
    }
}
