using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Flint.Oci.Tests")]
