using System.Diagnostics;
using System.Globalization;
using System.Text;
using Flint.Runtimes;

namespace Flint.Gateway.Proxy;

/// <summary>
/// Every phase of one invocation as an offset from the request's arrival: the request's own marks
/// and, for a cold start, the instance's boot phases shifted onto the same clock.
/// </summary>
internal static class InvocationPhases
{
    public const string HeaderName = "X-Flint-Phases";

    public static IReadOnlyList<KeyValuePair<string, TimeSpan>> Collect(PhaseTimeline request, Instance? bootedInstance)
    {
        var phases = new List<KeyValuePair<string, TimeSpan>>(request.Marks);
        if (bootedInstance is not null)
        {
            var shift = Stopwatch.GetElapsedTime(request.OriginTimestamp, bootedInstance.Phases.OriginTimestamp);
            phases.AddRange(bootedInstance.Phases.Marks
                .Where(m => m.Key != InstancePhases.Stopped)
                .Select(m => KeyValuePair.Create(m.Key, m.Value + shift)));
        }

        return [.. phases.OrderBy(p => p.Value)];
    }

    /// <summary><c>create=0.012ms;launched=0.9ms;ready=4.1ms;acquired=4.2ms;forward=4.3ms</c>.</summary>
    public static string Format(IReadOnlyList<KeyValuePair<string, TimeSpan>> phases)
    {
        var text = new StringBuilder();
        foreach (var (name, offset) in phases)
        {
            text.Append(text.Length == 0 ? "" : ";").Append(name).Append('=')
                .Append(offset.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)).Append("ms");
        }

        return text.ToString();
    }
}
