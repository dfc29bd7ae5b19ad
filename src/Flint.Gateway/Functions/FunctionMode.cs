namespace Flint.Gateway.Functions;

/// <summary>How the scaler serves a function's requests.</summary>
internal enum FunctionMode
{
    /// <summary>A fresh instance per request, destroyed once the response is complete.</summary>
    SingleUse,

    /// <summary>Instances are reused and scaled to zero after the idle timeout.</summary>
    KeepWarm,
}
