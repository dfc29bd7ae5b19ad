using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Flint.Runtimes.Tests")]
[assembly: InternalsVisibleTo("flint-oci")]
