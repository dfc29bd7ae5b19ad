using System.Globalization;
using Flint.Interop.Libc;

namespace Flint.Vm.Linux;

/// <summary>strace-like lines: <c>name(0x1, 0x7ff0, 0xd) = 13</c>, errors as <c>= -2 ENOENT</c>.</summary>
internal sealed class SyscallTracer(TextWriter writer)
{
    public void Trace(string name, in SyscallArgs args, long result)
    {
        var text = result is < 0 and >= -4095
            ? $"{result} {Errno.Name((int)-result)}"
            : result >= 0x1_0000 ? "0x" + result.ToString("x", CultureInfo.InvariantCulture) : result.ToString(CultureInfo.InvariantCulture);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}(0x{args.A0:x}, 0x{args.A1:x}, 0x{args.A2:x}, 0x{args.A3:x}, 0x{args.A4:x}, 0x{args.A5:x}) = {text}"));
    }

    public void Message(string text) => writer.WriteLine(text);
}
