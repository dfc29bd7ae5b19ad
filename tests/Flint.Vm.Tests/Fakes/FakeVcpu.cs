using Flint.Interop.Kvm;
using Flint.Vm.Cpu;

namespace Flint.Vm.Tests.Fakes;

/// <summary>A vCPU whose exits are scripted: each Run() calls the next step, which may set registers first.</summary>
internal sealed class FakeVcpu : IVcpu
{
    private readonly Queue<Func<FakeVcpu, VcpuExit>> _steps = new();
    private kvm_regs _registers;

    public ref kvm_regs Registers => ref _registers;

    public string Platform => "fake";

    public ulong FsBase { get; set; }

    public byte[] ExtendedState { get; set; } = [];

    public byte[] SaveExtendedState() => [.. ExtendedState];

    public void RestoreExtendedState(ReadOnlySpan<byte> state) => ExtendedState = state.ToArray();

    public int Commits { get; private set; }

    public int Flushes { get; private set; }

    public bool StopRequested { get; private set; }

    public void Enqueue(Func<FakeVcpu, VcpuExit> step) => _steps.Enqueue(step);

    public void BindToCurrentThread()
    {
    }

    public VcpuExit Run()
    {
        if (StopRequested)
        {
            return VcpuExit.Stopped;
        }

        return _steps.Count == 0 ? VcpuExit.Failure("no scripted step left") : _steps.Dequeue()(this);
    }

    public void CommitRegisters() => Commits++;

    public void FlushTranslations() => Flushes++;

    public void RequestStop() => StopRequested = true;

    public int Preemptions { get; private set; }

    public void RequestPreempt() => Preemptions++;

    public void Dispose()
    {
    }
}
