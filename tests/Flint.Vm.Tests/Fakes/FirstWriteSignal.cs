using System.Text;

namespace Flint.Vm.Tests.Fakes;

/// <summary>A trace writer that drops the text and completes <see cref="Written"/> at the first write: the guest is running.</summary>
internal sealed class FirstWriteSignal : TextWriter
{
    private readonly TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Written => _written.Task;

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => _written.TrySetResult();

    public override void Write(string? value) => _written.TrySetResult();
}
