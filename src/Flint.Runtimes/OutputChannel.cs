namespace Flint.Runtimes;

public enum OutputChannel
{
    Stdout,
    Stderr,
    System,
}
