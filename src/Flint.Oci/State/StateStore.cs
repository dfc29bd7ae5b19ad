using System.Text.Json;
using Flint.Oci.Cli;

namespace Flint.Oci.State;

/// <summary>
/// The containers under one <c>--root</c>: a directory per container id holding <c>state.json</c> and the
/// start gate's FIFO. Writes are atomic (a temporary file renamed over the old one).
/// </summary>
internal sealed class StateStore(string root)
{
    private const string StateFile = "state.json";
    private const string StartFifoFile = "start.fifo";
    private const string PlanFileName = "plan.json";
    private const int MaxIdLength = 1024;

    public string Root => root;

    /// <exception cref="OciException">The id is empty, too long, or holds characters other than letters, digits and <c>_ . + -</c>.</exception>
    public static void CheckId(string id)
    {
        if (id.Length is 0 or > MaxIdLength || id[0] is '.' or '-' ||
            !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '+' or '-'))
        {
            throw new OciException($"invalid container id \"{id}\": use letters, digits and _ . + - (at most {MaxIdLength}), not starting with . or -");
        }
    }

    public string DirectoryOf(string id)
    {
        CheckId(id);
        return Path.Combine(root, id);
    }

    public string StartFifo(string id) => Path.Combine(DirectoryOf(id), StartFifoFile);

    /// <summary>Where <c>create</c> leaves the checked plan for the container's monitor, so that it is made once.</summary>
    public string PlanFile(string id) => Path.Combine(DirectoryOf(id), PlanFileName);

    /// <summary>Makes the container's directory, readable by root only.</summary>
    /// <exception cref="OciException">A container with this id exists.</exception>
    public string Create(string id)
    {
        var directory = DirectoryOf(id);
        Directory.CreateDirectory(root);
        if (Directory.Exists(directory))
        {
            throw new OciException($"container with id exists: {id}");
        }

        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return directory;
    }

    /// <exception cref="OciException">No container has this id.</exception>
    public ContainerRecord Load(string id)
    {
        var path = Path.Combine(DirectoryOf(id), StateFile);
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), OciJsonContext.Default.ContainerRecord)
                ?? throw new OciException($"the state of container \"{id}\" is empty");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new OciException($"container \"{id}\" does not exist", e);
        }
        catch (JsonException e)
        {
            throw new OciException($"the state of container \"{id}\" is unreadable: {e.Message}", e);
        }
    }

    public void Save(ContainerRecord record)
    {
        var path = Path.Combine(DirectoryOf(record.Id), StateFile);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(record, OciJsonContext.Default.ContainerRecord));
        File.Move(temporary, path, overwrite: true);
    }

    public void Remove(string id)
    {
        try
        {
            Directory.Delete(DirectoryOf(id), recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
