using System.Runtime.InteropServices;
using Flint.Interop.Kvm;
using Flint.Interop.Libc;
using K = Flint.Interop.Kvm.Kvm;

namespace Flint.Vm.Kvm;

/// <summary>The opened /dev/kvm: API version and capabilities checked once, VMs created from it.</summary>
internal sealed unsafe class KvmSystem : IDisposable
{
    public const string DevicePath = "/dev/kvm";
    private readonly KvmHandle _handle;

    private KvmSystem(KvmHandle handle)
    {
        _handle = handle;
        var version = KvmIoctls.Invoke(handle, K.KVM_GET_API_VERSION, 0);
        if (version != K.KVM_API_VERSION)
        {
            throw new KvmUnavailableException($"KVM_GET_API_VERSION returned {version}, expected {K.KVM_API_VERSION}");
        }

        if (CheckExtension(K.KVM_CAP_USER_MEMORY) <= 0)
        {
            throw new KvmUnavailableException("KVM lacks KVM_CAP_USER_MEMORY");
        }

        SyncRegisters = (ulong)Math.Max(0, CheckExtension(K.KVM_CAP_SYNC_REGS));
        if ((SyncRegisters & K.KVM_SYNC_X86_REGS) == 0)
        {
            throw new KvmUnavailableException("KVM lacks KVM_CAP_SYNC_REGS for general registers");
        }

        HasImmediateExit = CheckExtension(K.KVM_CAP_IMMEDIATE_EXIT) > 0;
        HasXcrs = CheckExtension(K.KVM_CAP_XCRS) > 0;
        VcpuMmapSize = KvmIoctls.Invoke(handle, K.KVM_GET_VCPU_MMAP_SIZE, 0);
        if (VcpuMmapSize < sizeof(kvm_run))
        {
            throw new VmSetupException("KVM_GET_VCPU_MMAP_SIZE", Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>The KVM_SYNC_X86_* fields KVM can share through kvm_run.</summary>
    public ulong SyncRegisters { get; }

    public bool HasImmediateExit { get; }

    public bool HasXcrs { get; }

    public int VcpuMmapSize { get; }

    public static KvmSystem Open()
    {
        if (!File.Exists(DevicePath))
        {
            throw new KvmUnavailableException("/dev/kvm not found: this host has no KVM");
        }

        var fd = Fcntl.open(DevicePath, Fcntl.O_RDWR | Fcntl.O_CLOEXEC, 0);
        if (fd < 0)
        {
            throw new VmSetupException("open /dev/kvm", Marshal.GetLastPInvokeError());
        }

        var handle = new KvmHandle(fd);
        try
        {
            return new KvmSystem(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public KvmVm CreateVm()
    {
        var fd = KvmIoctls.Invoke(_handle, K.KVM_CREATE_VM, 0);
        if (fd < 0)
        {
            throw new VmSetupException("KVM_CREATE_VM", Marshal.GetLastPInvokeError());
        }

        return new KvmVm(this, new VmHandle(fd));
    }

    /// <summary>KVM_GET_SUPPORTED_CPUID: what the vCPU should report, as a kvm_cpuid2 buffer ready for KVM_SET_CPUID2.</summary>
    public byte[] SupportedCpuid()
    {
        for (var entries = 128; entries <= 4096; entries *= 2)
        {
            var buffer = new byte[sizeof(kvm_cpuid2) + (entries * sizeof(kvm_cpuid_entry2))];
            fixed (byte* p = buffer)
            {
                ((kvm_cpuid2*)p)->nent = (uint)entries;
                if (KvmIoctls.Invoke(_handle, K.KVM_GET_SUPPORTED_CPUID, p) == 0)
                {
                    return buffer;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno != Errno.E2BIG)
                {
                    throw new VmSetupException("KVM_GET_SUPPORTED_CPUID", errno);
                }
            }
        }

        throw new VmSetupException("KVM_GET_SUPPORTED_CPUID", Errno.E2BIG);
    }

    public void Dispose() => _handle.Dispose();

    private int CheckExtension(int capability) => KvmIoctls.Invoke(_handle, K.KVM_CHECK_EXTENSION, capability);
}
