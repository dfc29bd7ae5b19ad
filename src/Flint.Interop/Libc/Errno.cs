namespace Flint.Interop.Libc;

/// <summary>&lt;errno.h&gt; (x86-64 Linux values; the same numbers cross the guest ABI).</summary>
public static class Errno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EINTR = 4;
    public const int EIO = 5;
    public const int ENXIO = 6;
    public const int E2BIG = 7;
    public const int EBADF = 9;
    public const int EAGAIN = 11;
    public const int ENOMEM = 12;
    public const int EACCES = 13;
    public const int EFAULT = 14;
    public const int EEXIST = 17;
    public const int ENODEV = 19;
    public const int ENOTDIR = 20;
    public const int EINVAL = 22;
    public const int ENOTTY = 25;
    public const int ERANGE = 34;
    public const int ENAMETOOLONG = 36;
    public const int ENOSYS = 38;
    public const int EOPNOTSUPP = 95;
    public const int ECHILD = 10;
    public const int EISDIR = 21;
    public const int ENFILE = 23;
    public const int EMFILE = 24;
    public const int ENOSPC = 28;
    public const int ESPIPE = 29;
    public const int EROFS = 30;
    public const int EPIPE = 32;
    public const int ENOTEMPTY = 39;
    public const int ELOOP = 40;
    public const int ENOTSOCK = 88;
    public const int EDESTADDRREQ = 89;
    public const int EMSGSIZE = 90;
    public const int ENOPROTOOPT = 92;
    public const int EPROTONOSUPPORT = 93;
    public const int EAFNOSUPPORT = 97;
    public const int EADDRINUSE = 98;
    public const int ECONNRESET = 104;
    public const int ENOBUFS = 105;
    public const int EISCONN = 106;
    public const int ENOTCONN = 107;
    public const int ETIMEDOUT = 110;
    public const int ECONNREFUSED = 111;
    public const int EALREADY = 114;
    public const int EINPROGRESS = 115;

    /// <summary>The symbolic name ("EINVAL"), or "errno N" for numbers without one here.</summary>
    public static string Name(int errno) => errno switch
    {
        EPERM => nameof(EPERM),
        ENOENT => nameof(ENOENT),
        ESRCH => nameof(ESRCH),
        EINTR => nameof(EINTR),
        EIO => nameof(EIO),
        E2BIG => nameof(E2BIG),
        EBADF => nameof(EBADF),
        EAGAIN => nameof(EAGAIN),
        ENOMEM => nameof(ENOMEM),
        EACCES => nameof(EACCES),
        EFAULT => nameof(EFAULT),
        EEXIST => nameof(EEXIST),
        ENODEV => nameof(ENODEV),
        ENOTDIR => nameof(ENOTDIR),
        ENOSPC => nameof(ENOSPC),
        EINVAL => nameof(EINVAL),
        ENOTTY => nameof(ENOTTY),
        ERANGE => nameof(ERANGE),
        ENAMETOOLONG => nameof(ENAMETOOLONG),
        ENOSYS => nameof(ENOSYS),
        EOPNOTSUPP => nameof(EOPNOTSUPP),
        ECHILD => nameof(ECHILD),
        EISDIR => nameof(EISDIR),
        ENFILE => nameof(ENFILE),
        EMFILE => nameof(EMFILE),
        ESPIPE => nameof(ESPIPE),
        EROFS => nameof(EROFS),
        EPIPE => nameof(EPIPE),
        ENOTEMPTY => nameof(ENOTEMPTY),
        ELOOP => nameof(ELOOP),
        ENOTSOCK => nameof(ENOTSOCK),
        EDESTADDRREQ => nameof(EDESTADDRREQ),
        EMSGSIZE => nameof(EMSGSIZE),
        ENOPROTOOPT => nameof(ENOPROTOOPT),
        EPROTONOSUPPORT => nameof(EPROTONOSUPPORT),
        EAFNOSUPPORT => nameof(EAFNOSUPPORT),
        EADDRINUSE => nameof(EADDRINUSE),
        ECONNRESET => nameof(ECONNRESET),
        ENOBUFS => nameof(ENOBUFS),
        EISCONN => nameof(EISCONN),
        ENOTCONN => nameof(ENOTCONN),
        ETIMEDOUT => nameof(ETIMEDOUT),
        ECONNREFUSED => nameof(ECONNREFUSED),
        EALREADY => nameof(EALREADY),
        EINPROGRESS => nameof(EINPROGRESS),
        _ => $"errno {errno}",
    };
}
