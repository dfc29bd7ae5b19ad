using Flint.Images;
using Flint.Images.Build;
using Flint.Testing;

namespace Flint.Runtimes.Tests.Oci;

/// <summary>Functions that misbehave on purpose: small static C programs packaged as images.</summary>
internal static class TestPrograms
{
    public const string ExitAtStart = """
        #include <stdio.h>
        int main(void) { fprintf(stderr, "no configuration, giving up\n"); return 3; }
        """;

    /// <summary>Touches memory a megabyte at a time, forever: the memory limit must stop it.</summary>
    public const string AllocateForever = """
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        int main(void) {
            for (long total = 0;; total += 1 << 20) {
                char *block = malloc(1 << 20);
                if (block == NULL) { fprintf(stderr, "malloc failed after %ld bytes\n", total); return 1; }
                memset(block, 1, 1 << 20);
            }
        }
        """;

    /// <summary>Prints its environment and exits: the variables land in the instance's log.</summary>
    public const string PrintEnvironment = """
        #include <stdio.h>
        extern char **environ;
        int main(void) { for (char **e = environ; *e != NULL; e++) puts(*e); return 0; }
        """;

    public static FunctionImage Build(TempDirectory directory, string name, string source)
    {
        var executable = StaticPrograms.Compile(directory, name, source);
        ImageBuilder.Package(executable, directory.Combine("image"));
        return FunctionImage.Load(directory.Combine("image"));
    }
}
