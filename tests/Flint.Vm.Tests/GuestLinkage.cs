namespace Flint.Vm.Tests;

/// <summary>How a test guest program is linked.</summary>
public enum GuestLinkage
{
    StaticGlibc,
    StaticPieGlibc,
    StaticMusl,
    DynamicGlibc,
}
