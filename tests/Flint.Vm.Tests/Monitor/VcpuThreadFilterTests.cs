using System.Runtime.InteropServices;
using Flint.Testing;
using Flint.Vm.Monitor;

namespace Flint.Vm.Tests.Monitor;

public sealed partial class VcpuThreadFilterTests
{
    private const int EPERM = 1;
    private const int ENOENT = 2;

    [Fact]
    public void Denied_Numbers_MatchTheSyscallHeader()
    {
        var probe = "#include <stdio.h>\n#include <sys/syscall.h>\nint main(void) {\n"
            + string.Concat(VcpuThreadFilter.Denied.Keys.Select(name => $"    printf(\"{name} %d\\n\", SYS_{name});\n"))
            + "    return 0;\n}\n";

        var native = NativeProgram.RunKeyValues(probe);

        Assert.All(VcpuThreadFilter.Denied, entry => Assert.Equal((ulong)entry.Value, native[entry.Key]));
    }

    [Fact]
    public void ApplyToCurrentThread_BindsThatThreadOnly()
    {
        HostRequirements.RequireRoot();
        (string Status, int Errno) bound = default;
        var thread = new Thread(() =>
        {
            VcpuThreadFilter.ApplyToCurrentThread();
            bound = (File.ReadAllText("/proc/thread-self/status"), SwapoffErrno());
        });

        thread.Start();
        thread.Join();

        Assert.Contains("NoNewPrivs:\t1", bound.Status, StringComparison.Ordinal);
        Assert.Contains("Seccomp:\t2", bound.Status, StringComparison.Ordinal);
        Assert.Equal(EPERM, bound.Errno);
        // This thread is not bound: root's swapoff of a missing file finds no file.
        Assert.Contains("Seccomp:\t0", File.ReadAllText("/proc/thread-self/status"), StringComparison.Ordinal);
        Assert.Equal(ENOENT, SwapoffErrno());
    }

    private static int SwapoffErrno() => swapoff("/nonexistent-flint-swap") == 0 ? 0 : Marshal.GetLastPInvokeError();

    [LibraryImport("libc", EntryPoint = "swapoff", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int swapoff(string path);
}
