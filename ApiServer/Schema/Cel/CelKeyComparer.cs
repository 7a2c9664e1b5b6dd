namespace Junction.ApiServer.Schema.Cel;

/// <summary>Map key equality as CEL defines it: strings, booleans, and integers compared across int and uint.</summary>
internal sealed class CelKeyComparer : IEqualityComparer<object>
{
    public static CelKeyComparer Instance { get; } = new();

    public new bool Equals(object? x, object? y) => x is not null && y is not null && CelFunctions.ValueEquals(x, y);

    public int GetHashCode(object obj) => obj switch
    {
        ulong u when u <= long.MaxValue => ((long)u).GetHashCode(),
        double d when d == Math.Floor(d) && d is >= long.MinValue and < long.MaxValue => ((long)d).GetHashCode(),
        _ => obj.GetHashCode(),
    };
}
