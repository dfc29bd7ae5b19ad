namespace Flint.Runtimes.Process;

/// <summary>
/// Hands each live <c>process</c> instance a uid of its own from the configured range (its gid is the
/// same number), so instances can neither signal nor read one another; a released uid goes back to the
/// pool. Allocation walks the range round-robin, so a uid is reused as late as possible.
/// </summary>
internal sealed class FunctionUids
{
    private readonly UidRange _range;
    private readonly HashSet<uint> _inUse = [];
    private readonly Lock _gate = new();
    private int _next;

    public FunctionUids(UidRange range)
    {
        if (!range.IsValid)
        {
            throw new ArgumentException($"uid range {range.First}+{range.Count} must start above 0 and end below 4294967295", nameof(range));
        }

        _range = range;
    }

    public uint Rent()
    {
        lock (_gate)
        {
            for (var tried = 0; tried < _range.Count; tried++)
            {
                var uid = _range.First + (uint)_next;
                _next = (_next + 1) % _range.Count;
                if (_inUse.Add(uid))
                {
                    return uid;
                }
            }
        }

        throw new InstanceStartException($"every uid of the process runtime's range ({_range.First}+{_range.Count}) is in use");
    }

    public void Return(uint uid)
    {
        lock (_gate)
        {
            _inUse.Remove(uid);
        }
    }
}
