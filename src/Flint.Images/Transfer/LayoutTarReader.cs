using System.Formats.Tar;
using System.Security.Cryptography;

namespace Flint.Images.Transfer;

/// <summary>
/// Unpacks an uploaded image layout (a tar stream) into an empty directory. Only regular files with
/// the names an OCI layout has are written, each blob checked against the digest its name claims;
/// links, devices, absolute paths and <c>..</c> are refused, so nothing lands outside the directory.
/// Failures are <see cref="ImageException"/>s whose message names the entry or blob.
/// </summary>
public static class LayoutTarReader
{
    /// <summary>Most entries an upload may hold (a layout has a handful).</summary>
    public const int MaxEntries = 1024;

    /// <summary>Largest <c>oci-layout</c> or <c>index.json</c>.</summary>
    public const long MaxJsonBytes = 4 * 1024 * 1024;

    public static async Task ExtractAsync(Stream input, string targetDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        Directory.CreateDirectory(Path.Combine(targetDirectory, LayoutTarNames.BlobFolder));
        var reader = new TarReader(input, leaveOpen: true);
        await using (reader.ConfigureAwait(false))
        {
            try
            {
                var entries = 0;
                while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                {
                    if (++entries > MaxEntries)
                    {
                        throw new ImageException($"the upload has more than {MaxEntries} tar entries");
                    }

                    await ExtractAsync(entry, targetDirectory, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (MalformedTar.Is(e))
            {
                throw new ImageException($"the upload is not a valid tar stream: {e.Message}", e);
            }
        }
    }

    private static async Task ExtractAsync(TarEntry entry, string targetDirectory, CancellationToken cancellationToken)
    {
        var type = entry.EntryType;
        if (type is TarEntryType.SymbolicLink or TarEntryType.HardLink)
        {
            throw new ImageException($"tar entry '{entry.Name}' is a link; an image upload holds only regular files");
        }

        if (type is TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo)
        {
            throw new ImageException($"tar entry '{entry.Name}' is a device or fifo; an image upload holds only regular files");
        }

        if (type is TarEntryType.GlobalExtendedAttributes)
        {
            return;
        }

        var directory = type is TarEntryType.Directory;
        if (!directory && type is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
        {
            throw new ImageException($"tar entry '{entry.Name}' has type {type}; an image upload holds only regular files");
        }

        var (name, problem) = LayoutTarNames.Check(entry.Name, directory);
        if (problem is not null)
        {
            throw new ImageException(problem);
        }

        if (directory)
        {
            return;
        }

        if (!LayoutTarNames.IsBlob(name!) && entry.Length > MaxJsonBytes)
        {
            throw new ImageException($"tar entry '{name}' is {entry.Length} bytes; at most {MaxJsonBytes} are accepted");
        }

        await WriteAsync(entry, name!, Path.Combine(targetDirectory, name!), cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteAsync(TarEntry entry, string name, string path, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new ImageException($"tar entry '{name}' appears twice");
        }

        await using (file.ConfigureAwait(false))
        {
            if (entry.DataStream is { } data)
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await data.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        var actual = "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
        if (LayoutTarNames.IsBlob(name) && actual != LayoutTarNames.DigestOf(name))
        {
            throw new ImageException($"blob {LayoutTarNames.DigestOf(name)} does not match its content (it hashes to {actual})");
        }
    }
}
