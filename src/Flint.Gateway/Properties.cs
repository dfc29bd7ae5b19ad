using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Flint.Gateway.Tests")]
[assembly: InternalsVisibleTo("Flint.Fuzz")]
