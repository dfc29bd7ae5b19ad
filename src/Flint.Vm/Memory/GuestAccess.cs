namespace Flint.Vm.Memory;

/// <summary>Who touches guest memory and how: the monitor itself (bounds only) or on behalf of guest user code.</summary>
internal enum GuestAccess
{
    /// <summary>The monitor's own structures (page tables, GDT, exception frames): bounds checks only.</summary>
    Monitor,

    /// <summary>The guest asks the monitor to read its memory (a syscall argument): the page must be readable.</summary>
    UserRead,

    /// <summary>The guest asks the monitor to write its memory: the page must be writable.</summary>
    UserWrite,
}
