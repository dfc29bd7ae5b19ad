using Flint.Interop.Libc;
using Flint.Vm.Linux.Files;

namespace Flint.Vm.Tests.Linux.Files;

/// <summary>The fd table: lowest free numbers, dup semantics, close-on-exec per fd, the fd limit, and one close per description.</summary>
public sealed class FileTableTests
{
    [Fact]
    public void Install_TakesTheLowestFreeNumber()
    {
        using var table = new FileTable(limit: 8);
        Assert.Equal(0, table.Install(new CountingFile(), closeOnExec: false));
        Assert.Equal(1, table.Install(new CountingFile(), closeOnExec: false));
        Assert.Equal(0, table.Close(0));
        Assert.Equal(0, table.Install(new CountingFile(), closeOnExec: false));
        Assert.Equal(5, table.Install(new CountingFile(), closeOnExec: false, lowest: 5));
    }

    [Fact]
    public void Install_PastTheLimit_IsEmfileAndReleasesTheFile()
    {
        using var table = new FileTable(limit: 1);
        table.Install(new CountingFile(), closeOnExec: false);
        var extra = new CountingFile();
        Assert.Equal(-Errno.EMFILE, table.Install(extra, closeOnExec: false));
        Assert.Equal(1, extra.Closes);
    }

    [Fact]
    public void Duplicate_SharesTheDescription_ClosedOnceWhenTheLastFdGoes()
    {
        using var table = new FileTable(limit: 8);
        var file = new CountingFile();
        table.Install(file, closeOnExec: false);
        Assert.Equal(3, table.Duplicate(0, lowest: 3, closeOnExec: true));
        Assert.Same(file, table.Get(3));
        Assert.True(table.IsCloseOnExec(3));
        Assert.False(table.IsCloseOnExec(0));

        table.Close(0);
        Assert.Equal(0, file.Closes);
        table.Close(3);
        Assert.Equal(1, file.Closes);
        Assert.Equal(-Errno.EBADF, table.Close(3));
    }

    [Fact]
    public void DuplicateTo_ReplacesAndReleasesWhatTheTargetHeld()
    {
        using var table = new FileTable(limit: 8);
        var source = new CountingFile();
        var replaced = new CountingFile();
        table.Install(source, closeOnExec: false);
        table.Install(replaced, closeOnExec: false);

        Assert.Equal(1, table.DuplicateTo(0, 1, closeOnExec: false));
        Assert.Equal(1, replaced.Closes);
        Assert.Same(source, table.Get(1));
        Assert.Equal(0, table.DuplicateTo(0, 0, closeOnExec: false));
        Assert.Equal(-Errno.EBADF, table.DuplicateTo(7, 2, closeOnExec: false));
        Assert.Equal(-Errno.EBADF, table.DuplicateTo(0, 8, closeOnExec: false));
    }

    [Fact]
    public void Dispose_ClosesEveryDescriptionOnce()
    {
        var file = new CountingFile();
        using (var table = new FileTable(limit: 8))
        {
            table.Install(file, closeOnExec: false);
            table.Duplicate(0, lowest: 0, closeOnExec: false);
        }

        Assert.Equal(1, file.Closes);
    }

    private sealed class CountingFile : OpenFile
    {
        public int Closes { get; private set; }

        public override uint Mode => FileFlags.TypeFifo;

        protected override void OnClosed() => Closes++;
    }
}
