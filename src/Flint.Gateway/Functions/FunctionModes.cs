namespace Flint.Gateway.Functions;

/// <summary>The API's spelling of <see cref="FunctionMode"/>.</summary>
internal static class FunctionModes
{
    public const string SingleUse = "single-use";
    public const string KeepWarm = "keep-warm";

    public static bool TryParse(string text, out FunctionMode mode)
    {
        (var known, mode) = text switch
        {
            SingleUse => (true, FunctionMode.SingleUse),
            KeepWarm => (true, FunctionMode.KeepWarm),
            _ => (false, default),
        };
        return known;
    }

    public static string Format(FunctionMode mode) => mode == FunctionMode.KeepWarm ? KeepWarm : SingleUse;
}
