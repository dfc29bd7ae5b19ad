using System.Globalization;
using System.Text;

namespace Flint.Gateway.Metrics;

/// <summary>Writes the Prometheus text exposition format (version 0.0.4).</summary>
internal sealed class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";
    private readonly StringBuilder _text = new();

    public void Header(string name, string type, string help) =>
        _text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    public void Sample(string name, IEnumerable<(string Name, string Value)> labels, double value)
    {
        _text.Append(name);
        var first = true;
        foreach (var (label, text) in labels)
        {
            _text.Append(first ? '{' : ',').Append(label).Append("=\"").Append(Escape(text)).Append('"');
            first = false;
        }

        _text.Append(first ? "" : "}").Append(' ').Append(Format(value)).Append('\n');
    }

    public override string ToString() => _text.ToString();

    private static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
}
