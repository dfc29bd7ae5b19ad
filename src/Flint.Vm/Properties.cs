using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Flint.Vm.Tests")]
