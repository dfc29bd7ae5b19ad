namespace Flint.Gateway.Security;

/// <summary>
/// The admin token on disk: <c>&lt;data dir&gt;/admin-token</c>, created once with mode 0600 and
/// read back by every later gateway on the same data directory and by the CLI on the same machine.
/// </summary>
public static class AdminTokenFile
{
    public const string FileName = "admin-token";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OthersAny = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    /// <summary>The token in the data directory, created (random, 256 bits) when there is none yet.</summary>
    public static string LoadOrCreate(string dataDirectory)
    {
        var path = PathIn(dataDirectory);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataDirectory);
            try
            {
                Write(path, AdminToken.Generate());
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another gateway on the same directory created it first; use theirs.
            }
        }

        return Read(path);
    }

    /// <summary>Reads a token file; it must be readable by its owner only.</summary>
    public static string Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new IOException($"token file '{path}' does not exist");
        }

        if ((File.GetUnixFileMode(path) & OthersAny) != 0)
        {
            throw new IOException($"token file '{path}' is readable or writable by others; make it the owner's only (chmod 600)");
        }

        var token = File.ReadAllText(path).Trim();
        return AdminToken.Problem(token) is { } problem ? throw new IOException($"token file '{path}': {problem}") : token;
    }

    /// <summary>Writes a new token file (mode 0600 from its creation); fails if one exists.</summary>
    public static void Write(string path, string token)
    {
        using var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = OwnerOnly,
        });
        using var writer = new StreamWriter(file);
        writer.Write(token + "\n");
    }

    /// <summary>Writes or replaces a token file atomically, mode 0600, in a directory only its owner can enter.</summary>
    public static void Replace(string path, string token)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}");
        Write(temporary, token);
        File.Move(temporary, path, overwrite: true);
    }
}
