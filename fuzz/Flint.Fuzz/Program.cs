using Flint.Fuzz;
using SharpFuzz;

// usage: dotnet Flint.Fuzz.dll <target>
// Under afl-fuzz it serves AFL's forkserver; run by hand it reads one input from standard input.
if (args is not [var name] || !FuzzTargets.Names.Contains(name))
{
    Console.Error.WriteLine($"usage: Flint.Fuzz <target>; targets: {string.Join(", ", FuzzTargets.Names)}");
    return 2;
}

// Instrumented code may run only inside the fuzzing loop (its coverage map exists from then on), so the
// target is created on the first input.
var scratch = Directory.CreateTempSubdirectory("flint-fuzz-").FullName;
IFuzzTarget? target = null;
Fuzzer.OutOfProcess.Run(stream =>
{
    using var input = new MemoryStream();
    stream.CopyTo(input);
    target ??= FuzzTargets.Create(name, scratch)!;
    target.Run(input.ToArray());
});
Directory.Delete(scratch, recursive: true);
return 0;
