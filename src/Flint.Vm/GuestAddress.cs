using System.Globalization;

namespace Flint.Vm;

/// <summary>A guest address (virtual equals physical in a Flint guest). Never a host pointer.</summary>
internal readonly record struct GuestAddress(ulong Value) : IComparable<GuestAddress>
{
    public static GuestAddress Null => default;

    public bool IsNull => Value == 0;

    public bool IsPageAligned => (Value & (Layout.PageSize - 1)) == 0;

    public static GuestAddress operator +(GuestAddress address, ulong offset) => new(address.Value + offset);

    public static GuestAddress operator -(GuestAddress address, ulong offset) => new(address.Value - offset);

    public static bool operator <(GuestAddress left, GuestAddress right) => left.Value < right.Value;

    public static bool operator >(GuestAddress left, GuestAddress right) => left.Value > right.Value;

    public static bool operator <=(GuestAddress left, GuestAddress right) => left.Value <= right.Value;

    public static bool operator >=(GuestAddress left, GuestAddress right) => left.Value >= right.Value;

    public GuestAddress Add(ulong offset) => this + offset;

    public GuestAddress Subtract(ulong offset) => this - offset;

    public int CompareTo(GuestAddress other) => Value.CompareTo(other.Value);

    public override string ToString() => "0x" + Value.ToString("x", CultureInfo.InvariantCulture);
}
