namespace Flint.Vm.Tests.Fakes;

/// <summary>A clock the test sets by hand.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset now, long timestamp) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public long Timestamp { get; set; } = timestamp;

    public override DateTimeOffset GetUtcNow() => Now;

    public override long GetTimestamp() => Timestamp;

    public override long TimestampFrequency => 1_000_000_000;
}
