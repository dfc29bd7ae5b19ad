namespace Flint.Vm.Linux.Files;

/// <summary>fd 0: a pipe that is already at end of file.</summary>
internal sealed class StandardInput : OpenFile
{
    public override uint Mode => FileFlags.TypeFifo | 0x180;

    public override long Read(GuestProcess process, Span<byte> buffer) => 0;

    public override PollEvents Poll() => PollEvents.In | PollEvents.HangUp;
}
