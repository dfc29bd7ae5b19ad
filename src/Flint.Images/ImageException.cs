namespace Flint.Images;

/// <summary>An image could not be built or read; the message names what and where.</summary>
public sealed class ImageException : Exception
{
    public ImageException(string message)
        : base(message)
    {
    }

    public ImageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
