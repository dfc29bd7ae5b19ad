using Microsoft.Win32.SafeHandles;

namespace Flint.Interop.Unicorn;

/// <summary>A <c>uc_engine*</c>, closed with <c>uc_close</c>.</summary>
internal sealed class UcEngineHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public UcEngineHandle()
        : base(ownsHandle: true)
    {
    }

    public UcEngineHandle(nint engine)
        : base(ownsHandle: true)
    {
        SetHandle(engine);
    }

    protected override bool ReleaseHandle() => Unicorn.uc_close(handle) == Unicorn.UC_ERR_OK;
}
