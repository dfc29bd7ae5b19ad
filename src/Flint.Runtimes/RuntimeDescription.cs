namespace Flint.Runtimes;

/// <summary>A registered runtime's name and whether it can run instances on this host.</summary>
public sealed record RuntimeDescription(string Name, RuntimeAvailability Availability);
