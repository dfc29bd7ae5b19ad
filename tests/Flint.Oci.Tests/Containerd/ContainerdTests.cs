namespace Flint.Oci.Tests.Containerd;

/// <summary>The test collection of the classes that talk to containerd share one daemon and one set of imported images, one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ContainerdTests : ICollectionFixture<ContainerdFixture>
{
    public const string Name = "containerd";
}
