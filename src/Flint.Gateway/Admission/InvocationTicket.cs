namespace Flint.Gateway.Admission;

/// <summary>One admitted invocation's place under the gateway-wide bound; given back exactly once.</summary>
internal sealed class InvocationTicket(SemaphoreSlim slots) : IDisposable
{
    private int _released;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            slots.Release();
        }
    }
}
