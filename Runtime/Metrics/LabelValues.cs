namespace Junction.Runtime.Metrics;

/// <summary>The label values of one series; equal when every value is equal, ordered for stable output.</summary>
internal sealed class LabelValues(string[] values) : IEquatable<LabelValues>, IComparable<LabelValues>
{
    public IReadOnlyList<string> Values { get; } = values;

    public bool Equals(LabelValues? other) => other is not null && Values.SequenceEqual(other.Values, StringComparer.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as LabelValues);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in Values)
        {
            hash.Add(value, StringComparer.Ordinal);
        }
        return hash.ToHashCode();
    }

    public int CompareTo(LabelValues? other)
    {
        if (other is null)
        {
            return 1;
        }
        for (var i = 0; i < Math.Min(Values.Count, other.Values.Count); i++)
        {
            var order = string.CompareOrdinal(Values[i], other.Values[i]);
            if (order != 0)
            {
                return order;
            }
        }
        return Values.Count.CompareTo(other.Values.Count);
    }
}
