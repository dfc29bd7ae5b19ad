namespace Flint.Gateway.Scaling;

/// <summary>Either a lease on a ready instance or the reason there is none.</summary>
internal sealed record LeaseResult(InstanceLease? Lease, ApiError? Error)
{
    public static LeaseResult Granted(InstanceLease lease) => new(lease, null);

    public static LeaseResult Refused(ApiError error) => new(null, error);
}
