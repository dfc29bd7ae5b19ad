using System.Runtime.CompilerServices;

namespace Flint.Interop.Libc;

/// <summary>glibc's <c>sigset_t</c>: 1024 bits. The kernel uses only the first 64.</summary>
[InlineArray(16)]
public struct sigset_t
{
    private ulong _word;
}
