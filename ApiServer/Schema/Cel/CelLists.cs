namespace Junction.ApiServer.Schema.Cel;

/// <summary>Kubernetes' list library: isSorted, sum, min, max, indexOf, lastIndexOf; and join from cel-go's strings.</summary>
internal static class CelLists
{
    public static object? Call(string name, List<object?> list, object?[] a) => name switch
    {
        "isSorted" => IsSorted(list),
        "sum" => Sum(list),
        "min" => Extreme(list, -1),
        "max" => Extreme(list, 1),
        "indexOf" => (long)list.FindIndex(v => CelFunctions.ValueEquals(v, a[1])),
        "lastIndexOf" => (long)list.FindLastIndex(v => CelFunctions.ValueEquals(v, a[1])),
        "join" => Join(list, a.Length > 1 ? a[1] : string.Empty),
        _ => CelError.NoSuchOverload,
    };

    private static object IsSorted(List<object?> list)
    {
        for (var i = 1; i < list.Count; i++)
        {
            if (CelFunctions.Compare(list[i - 1], list[i]) is not { } c)
            {
                return CelError.NoSuchOverload;
            }

            if (c > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static object? Sum(List<object?> list)
    {
        if (list.Count == 0)
        {
            return 0L;
        }

        var total = list[0];
        foreach (var item in list.Skip(1))
        {
            total = (total, item) switch
            {
                (long x, long y) => Checked(() => x + y),
                (ulong x, ulong y) => Checked(() => x + y),
                (double x, double y) => x + y,
                _ => CelError.NoSuchOverload,
            };
            if (total is CelError)
            {
                return total;
            }
        }

        return total is long or ulong or double ? total : CelError.NoSuchOverload;
    }

    private static object Checked(Func<object> add)
    {
        try
        {
            return add();
        }
        catch (OverflowException)
        {
            return new CelError("integer overflow");
        }
    }

    private static object? Extreme(List<object?> list, int sign)
    {
        if (list.Count == 0)
        {
            return new CelError(sign < 0 ? "min(list) argument must not be empty" : "max(list) argument must not be empty");
        }

        var best = list[0];
        foreach (var item in list.Skip(1))
        {
            if (CelFunctions.Compare(item, best) is not { } c)
            {
                return CelError.NoSuchOverload;
            }

            if (c * sign > 0)
            {
                best = item;
            }
        }

        return best;
    }

    private static object Join(List<object?> list, object? separator) =>
        separator is string s && list.All(i => i is string) ? string.Join(s, list) : CelError.NoSuchOverload;
}
