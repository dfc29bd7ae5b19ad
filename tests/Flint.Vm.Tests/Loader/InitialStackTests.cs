using Flint.Vm.Loader;
using Flint.Vm.Memory;

namespace Flint.Vm.Tests.Loader;

public sealed class InitialStackTests
{
    private const ulong MemorySize = 32 << 20;

    [Fact]
    public void Build_ArgvEnvpAuxv_ParseBack()
    {
        using var memory = new GuestMemory(MemorySize);
        var image = new LoadedImage(new GuestAddress(0x401000), new GuestAddress(0x400040), 9, 0, new GuestAddress(0x500000));
        var random = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        var contents = new InitialStackContents(["/app/hello", "one", "twö"], ["A=1", "PORT=8080"], "/app/hello", image, random, 0xBFEBFBFF, 1000, 1001);

        var sp = InitialStack.Build(memory, new GuestAddress(MemorySize), contents);

        Assert.Equal(0UL, sp.Value % 16);
        var words = new Reader(memory, sp);
        Assert.Equal(3UL, words.Next());
        Assert.Equal("/app/hello", words.String(words.Next()));
        Assert.Equal("one", words.String(words.Next()));
        Assert.Equal("twö", words.String(words.Next()));
        Assert.Equal(0UL, words.Next());
        Assert.Equal("A=1", words.String(words.Next()));
        Assert.Equal("PORT=8080", words.String(words.Next()));
        Assert.Equal(0UL, words.Next());

        var auxv = new Dictionary<ulong, ulong>();
        ulong key;
        while ((key = words.Next()) != AuxvType.Null)
        {
            Assert.True(auxv.TryAdd(key, words.Next()), $"AT_{key} twice");
        }

        Assert.Equal(0x400040UL, auxv[AuxvType.Phdr]);
        Assert.Equal(56UL, auxv[AuxvType.Phent]);
        Assert.Equal(9UL, auxv[AuxvType.Phnum]);
        Assert.Equal(4096UL, auxv[AuxvType.Pagesz]);
        Assert.Equal(0UL, auxv[AuxvType.Base]);
        Assert.Equal(0x401000UL, auxv[AuxvType.Entry]);
        Assert.Equal(1000UL, auxv[AuxvType.Uid]);
        Assert.Equal(1000UL, auxv[AuxvType.Euid]);
        Assert.Equal(1001UL, auxv[AuxvType.Gid]);
        Assert.Equal(1001UL, auxv[AuxvType.Egid]);
        Assert.Equal(0UL, auxv[AuxvType.Secure]);
        Assert.Equal(100UL, auxv[AuxvType.Clktck]);
        Assert.Equal(0xBFEBFBFFUL, auxv[AuxvType.Hwcap]);
        Assert.Equal("/app/hello", words.String(auxv[AuxvType.Execfn]));
        Assert.Equal("x86_64", words.String(auxv[AuxvType.Platform]));
        Assert.True(memory.TryGetSpan(new GuestAddress(auxv[AuxvType.Random]), 16, GuestAccess.Monitor, out var bytes));
        Assert.Equal(random, bytes.ToArray());
    }

    [Fact]
    public void Build_HugeEnvironment_Throws()
    {
        using var memory = new GuestMemory(MemorySize);
        var image = new LoadedImage(new GuestAddress(0x401000), new GuestAddress(0x400040), 9, 0, new GuestAddress(0x500000));
        var huge = new string('x', (int)InitialStack.MaxArgumentBytes);
        var contents = new InitialStackContents(["/a"], [huge], "/a", image, new byte[16], 0, 0, 0);
        Assert.Throws<ArgumentException>(() => InitialStack.Build(memory, new GuestAddress(MemorySize), contents));
    }

    private sealed class Reader(GuestMemory memory, GuestAddress at)
    {
        private GuestAddress _at = at;

        public ulong Next()
        {
            Assert.True(memory.TryRead(_at, GuestAccess.Monitor, out ulong value));
            _at += 8;
            return value;
        }

        public string String(ulong address)
        {
            Assert.True(memory.TryReadCString(new GuestAddress(address), 4096, GuestAccess.Monitor, out var text));
            return text;
        }
    }
}
