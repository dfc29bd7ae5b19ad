namespace Flint.Gateway.Logs;

/// <summary>One line an instance printed on <c>stdout</c> or <c>stderr</c> (or a <c>system</c> note about it).</summary>
internal sealed record LogEntry(DateTimeOffset Time, string Instance, string Stream, string Line);
