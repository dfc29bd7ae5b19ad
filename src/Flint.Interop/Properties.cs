using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("flint")]
[assembly: InternalsVisibleTo("Flint.Vm")]
[assembly: InternalsVisibleTo("Flint.Vm.Tests")]
[assembly: InternalsVisibleTo("Flint.Interop.Tests")]
[assembly: InternalsVisibleTo("Flint.Runtimes")]
[assembly: InternalsVisibleTo("flint-oci")]
[assembly: InternalsVisibleTo("Flint.Oci.Tests")]
