using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Flint.Vm.Tests")]
[assembly: InternalsVisibleTo("Flint.Fuzz")]
[assembly: InternalsVisibleTo("Flint.Fuzz.Tests")]
