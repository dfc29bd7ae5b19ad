namespace Flint.Vm.Linux.Files;

/// <summary>poll(2)/epoll(7) event bits (the same values in both ABIs for these).</summary>
[Flags]
internal enum PollEvents : uint
{
    None = 0,
    In = 0x001,
    Priority = 0x002,
    Out = 0x004,
    Error = 0x008,
    HangUp = 0x010,
    Invalid = 0x020,
    ReadHangUp = 0x2000,
}
