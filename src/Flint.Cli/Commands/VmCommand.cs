using System.CommandLine;
using Flint.Vm;
using Flint.Vm.Loader;

namespace Flint.Cli.Commands;

/// <summary>
/// <c>flint vm run &lt;elf&gt; [args...] [--env K=V]... [--trace]</c>: runs a static executable in a Flint VM. The guest
/// sees only the given environment (see <see cref="VmEnvironment"/>) and its executable as "/" and the file name.
/// </summary>
internal static class VmCommand
{
    public static Command Create()
    {
        var elf = new Argument<FileInfo>("elf") { Description = "A static x86-64 Linux executable" };
        var args = new Argument<string[]>("args") { Description = "Arguments for the program (put them after -- if they start with '-')", Arity = ArgumentArity.ZeroOrMore };
        var env = new Option<string[]>("--env", "-e") { Description = "Environment variable K=V for the guest (repeatable); the guest gets only PATH=/ and these", AllowMultipleArgumentsPerToken = false };
        var trace = new Option<bool>("--trace") { Description = "Print every syscall (strace-like) and a summary to stderr" };
        var timeout = new Option<double?>("--timeout") { Description = "Stop the VM after this many seconds (exit code 137)" };
        var platform = new Option<string>("--platform")
        {
            Description = "Where guest instructions run: kvm, emulated, or auto (KVM when it boots a guest here, else the emulated CPU)",
            DefaultValueFactory = _ => "auto",
        };
        platform.AcceptOnlyFromAmong("auto", VmPlatform.KvmName, VmPlatform.EmulatedName);
        var memory = new Option<int>("--memory-mib") { Description = "Guest memory in MiB", DefaultValueFactory = _ => (int)(VmRunOptions.DefaultMemoryLimitBytes / (1024 * 1024)) };
        var run = new Command("run", "Run a static Linux executable in a Flint VM; exits with its exit code") { elf, args, env, trace, timeout, platform, memory };
        run.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            _ = VmPlatform.TryParse(parse.GetValue(platform), out var choice);
            if (choice == VmPlatformChoice.Auto && VmPlatform.Resolve(choice) == VmPlatformChoice.Emulated)
            {
                var kvm = VmPlatform.All.First(p => p.Name == VmPlatform.KvmName);
                await Console.Error.WriteLineAsync($"flint: KVM unavailable ({kvm.Reason}); running on the emulated platform").ConfigureAwait(false);
            }

            var options = new VmRunOptions
            {
                ElfPath = parse.GetRequiredValue(elf).FullName,
                Args = parse.GetValue(args) ?? [],
                Env = VmEnvironment.Build(parse.GetValue(env) ?? []),
                Stdout = new DescriptorStream(1),  // not console streams: see DescriptorStream
                Stderr = new DescriptorStream(2),
                TraceWriter = parse.GetValue(trace) ? Console.Error : null,
                Timeout = parse.GetValue(timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                MemoryLimitBytes = (ulong)parse.GetValue(memory) * 1024 * 1024,
                Platform = choice,
            };
            try
            {
                var result = await VmRunner.RunAsync(options, cancellationToken).ConfigureAwait(false);
                if (result.Failure is not null || result.TimedOut)
                {
                    await Console.Error.WriteLineAsync($"flint: {result.Failure ?? "the VM was stopped by its timeout"}").ConfigureAwait(false);
                }
                else if (result.Signal is { } signal && result.Report.LastFault is { } fault)
                {
                    await Console.Error.WriteLineAsync($"flint: the guest died of signal {signal}: {fault}").ConfigureAwait(false);
                }

                return result.ExitCode;
            }
            catch (Exception e) when (e is VmSetupException or ElfFormatException or ArgumentException)
            {
                throw new Client.CliException(e.Message);
            }
        }));
        return new Command("vm", "The Flint VM: a kernel-less microVM (KVM, or an emulated CPU) that runs a static executable") { run };
    }
}
