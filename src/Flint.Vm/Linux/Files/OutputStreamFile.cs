namespace Flint.Vm.Linux.Files;

/// <summary>fd 1 and 2: a pipe whose other end is one of the run's output streams.</summary>
internal sealed class OutputStreamFile(HostOutput output) : OpenFile
{
    public HostOutput Output => output;

    public override uint Mode => FileFlags.TypeFifo | 0x180;

    public override long Write(GuestProcess process, ReadOnlySpan<byte> data) => output.Write(data);

    public override PollEvents Poll() => PollEvents.Out;
}
