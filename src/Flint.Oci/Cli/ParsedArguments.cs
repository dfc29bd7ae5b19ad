namespace Flint.Oci.Cli;

/// <summary>A command's flags and positional arguments, read the way runc's command line reads them.</summary>
internal sealed class ParsedArguments
{
    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _switches;

    private ParsedArguments(Dictionary<string, string> values, HashSet<string> switches, IReadOnlyList<string> positionals)
    {
        _values = values;
        _switches = switches;
        Positionals = positionals;
    }

    public IReadOnlyList<string> Positionals { get; }

    /// <summary>
    /// Reads <c>--name value</c>, <c>--name=value</c> and single-dash spellings of the given flags; switches take
    /// no value (<c>--force</c>, or <c>--force=true</c>). Stops reading flags at the first positional argument
    /// when <paramref name="stopAtPositional"/> is set (global options before the command).
    /// </summary>
    /// <exception cref="OciException">An unknown flag, or a value flag without a value.</exception>
    public static ParsedArguments Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> valueFlags, IReadOnlyCollection<string> switchFlags,
        bool stopAtPositional = false)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var switches = new HashSet<string>(StringComparer.Ordinal);
        var positionals = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                positionals.AddRange(args.Skip(i + 1));
                break;
            }

            if (arg.Length < 2 || arg[0] != '-' || (stopAtPositional && positionals.Count > 0))
            {
                positionals.Add(arg);
                if (stopAtPositional)
                {
                    positionals.AddRange(args.Skip(i + 1));
                    break;
                }

                continue;
            }

            var body = arg.TrimStart('-');
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? body : body[..equals];
            if (valueFlags.Contains(name))
            {
                if (equals >= 0)
                {
                    values[name] = body[(equals + 1)..];
                }
                else if (i + 1 < args.Count)
                {
                    values[name] = args[++i];
                }
                else
                {
                    throw new OciException($"flag --{name} needs a value");
                }
            }
            else if (switchFlags.Contains(name))
            {
                if (equals < 0 || bool.TryParse(body[(equals + 1)..], out var on) && on)
                {
                    switches.Add(name);
                }
            }
            else
            {
                throw new OciException($"flag provided but not defined: -{name}");
            }
        }

        return new ParsedArguments(values, switches, positionals);
    }

    public string? Value(string name) => _values.GetValueOrDefault(name);

    public bool Has(string name) => _switches.Contains(name);

    /// <summary>The one positional argument a command takes: the container id.</summary>
    public string Id(string command) => Positionals.Count switch
    {
        0 => throw new OciException($"\"{command}\" requires a container id"),
        _ => Positionals[0],
    };
}
