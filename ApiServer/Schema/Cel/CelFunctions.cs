using System.Globalization;
using System.Text;

namespace Junction.ApiServer.Schema.Cel;

/// <summary>
/// CEL's operators and standard functions, and the Kubernetes extension functions a CRD rule commonly needs
/// (strings: lowerAscii, upperAscii, trim, replace, split, join, indexOf, lastIndexOf, substring;
/// lists: isSorted, sum, min, max, indexOf, lastIndexOf; isURL).
/// </summary>
internal static class CelFunctions
{
    private static readonly HashSet<string> Globals = ["size", "int", "uint", "double", "string", "bool", "bytes", "dyn", "matches", "isURL", "!_", "-_"];

    private static readonly Dictionary<string, int[]> Members = new()
    {
        ["size"] = [0],
        ["contains"] = [1],
        ["startsWith"] = [1],
        ["endsWith"] = [1],
        ["matches"] = [1],
        ["lowerAscii"] = [0],
        ["upperAscii"] = [0],
        ["trim"] = [0],
        ["replace"] = [2, 3],
        ["split"] = [1, 2],
        ["join"] = [0, 1],
        ["indexOf"] = [1, 2],
        ["lastIndexOf"] = [1, 2],
        ["substring"] = [1, 2],
        ["charAt"] = [1],
        ["isSorted"] = [0],
        ["sum"] = [0],
        ["min"] = [0],
        ["max"] = [0],
    };

    public static bool IsGlobal(string name, int arity) => Globals.Contains(name) && arity is 1 or 2 && (arity == 1 || name == "matches");

    public static bool IsMember(string name, int arity) => Members.TryGetValue(name, out var arities) && arities.Contains(arity);

    public static object? Select(object? operand, string field) => operand switch
    {
        CelError e => e,
        Dictionary<object, object?> map => map.TryGetValue(field, out var v) ? v : CelError.NoSuchKey(field),
        _ => CelError.NoSuchOverload,
    };

    /// <summary>has(): presence of the key, so an empty object or list that is set counts as present.</summary>
    public static object? Has(object? operand, string field) => operand switch
    {
        CelError e => e,
        Dictionary<object, object?> map => map.ContainsKey(field),
        _ => new CelError("invalid type for field selection."),
    };

    public static object? Index(object? target, object? index)
    {
        if (target is CelError || index is CelError)
        {
            return target as CelError ?? index;
        }

        switch (target)
        {
            case List<object?> list:
                long? i = index switch
                {
                    long l => l,
                    ulong u when u <= long.MaxValue => (long)u,
                    double d when d == Math.Floor(d) && Math.Abs(d) < 9e15 => (long)d,
                    _ => null,
                };
                return i is null ? CelError.NoSuchOverload : i >= 0 && i < list.Count ? list[(int)i.Value] : new CelError($"index out of bounds: {i}");
            case Dictionary<object, object?> map:
                return index is null ? CelError.NoSuchOverload : map.TryGetValue(index, out var v) ? v : CelError.NoSuchKey(index);
            default:
                return CelError.NoSuchOverload;
        }
    }

    public static object? Call(string name, object?[] a, CelContext ctx) => name switch
    {
        "_==_" => ValueEquals(a[0], a[1]),
        "_!=_" => !ValueEquals(a[0], a[1]),
        "_<_" => Compare(a[0], a[1]) is { } c ? c < 0 : CelError.NoSuchOverload,
        "_<=_" => Compare(a[0], a[1]) is { } c ? c <= 0 : CelError.NoSuchOverload,
        "_>_" => Compare(a[0], a[1]) is { } c ? c > 0 : CelError.NoSuchOverload,
        "_>=_" => Compare(a[0], a[1]) is { } c ? c >= 0 : CelError.NoSuchOverload,
        "@in" => In(a[0], a[1], ctx),
        "_+_" => Add(a[0], a[1], ctx),
        "_-_" => Arithmetic(a[0], a[1], '-'),
        "_*_" => Arithmetic(a[0], a[1], '*'),
        "_/_" => Arithmetic(a[0], a[1], '/'),
        "_%_" => Arithmetic(a[0], a[1], '%'),
        "!_" => a[0] is bool b ? !b : CelError.NoSuchOverload,
        "-_" => a[0] switch
        {
            long l => l == long.MinValue ? new CelError("integer overflow") : -l,
            double d => -d,
            _ => CelError.NoSuchOverload,
        },
        "size" => Size(a[0]),
        "dyn" => a[0],
        "int" or "uint" or "double" or "string" or "bool" or "bytes" => CelConversions.Convert(name, a[0]),
        "isURL" => a[0] is string s ? IsUrl(s) : CelError.NoSuchOverload,
        _ => Library(name, a, ctx),
    };

    private static object? Library(string name, object?[] a, CelContext ctx)
    {
        if (a[0] is List<object?> list)
        {
            ctx.Spend(1 + (list.Count / 10));
            return CelLists.Call(name, list, a);
        }

        if (a[0] is not string s)
        {
            return CelError.NoSuchOverload;
        }

        ctx.Spend(1 + (s.Length / 10));
        return name switch
        {
            "contains" => a[1] is string t ? s.Contains(t, StringComparison.Ordinal) : CelError.NoSuchOverload,
            "startsWith" => a[1] is string t ? s.StartsWith(t, StringComparison.Ordinal) : CelError.NoSuchOverload,
            "endsWith" => a[1] is string t ? s.EndsWith(t, StringComparison.Ordinal) : CelError.NoSuchOverload,
            "matches" => a[1] is string pattern ? CelRegex.Matches(s, pattern) : CelError.NoSuchOverload,
            _ => CelStrings.Call(name, s, a),
        };
    }

    private static object Size(object? value) => value switch
    {
        string s => (long)s.EnumerateRunes().Count(),
        byte[] b => (long)b.Length,
        List<object?> l => (long)l.Count,
        Dictionary<object, object?> m => (long)m.Count,
        _ => CelError.NoSuchOverload,
    };

    private static object In(object? element, object? container, CelContext ctx)
    {
        switch (container)
        {
            case List<object?> list:
                ctx.Spend(1 + (list.Count / 10));
                return list.Any(item => ValueEquals(element, item));
            case Dictionary<object, object?> map:
                return element is not null && map.ContainsKey(element);
            default:
                return CelError.NoSuchOverload;
        }
    }

    private static object? Add(object? x, object? y, CelContext ctx)
    {
        switch (x, y)
        {
            case (string a, string b):
                ctx.Spend(1 + ((a.Length + b.Length) / 10));
                return a + b;
            case (List<object?> a, List<object?> b):
                ctx.Spend(1 + ((a.Count + b.Count) / 10));
                return a.Concat(b).ToList();
            case (byte[] a, byte[] b):
                return a.Concat(b).ToArray();
            default:
                return Arithmetic(x, y, '+');
        }
    }

    private static object Arithmetic(object? x, object? y, char op)
    {
        try
        {
            checked
            {
                return (x, y, op) switch
                {
                    (long a, long b, '+') => a + b,
                    (long a, long b, '-') => a - b,
                    (long a, long b, '*') => a * b,
                    (long _, 0L, '/') => new CelError("division by zero"),
                    (long _, 0L, '%') => new CelError("modulus by zero"),
                    (long a, long b, '/') => a / b,
                    (long a, long b, '%') => a % b,
                    (ulong a, ulong b, '+') => a + b,
                    (ulong a, ulong b, '-') => a - b,
                    (ulong a, ulong b, '*') => a * b,
                    (ulong _, 0UL, '/') => new CelError("division by zero"),
                    (ulong _, 0UL, '%') => new CelError("modulus by zero"),
                    (ulong a, ulong b, '/') => a / b,
                    (ulong a, ulong b, '%') => a % b,
                    (double a, double b, '+') => a + b,
                    (double a, double b, '-') => a - b,
                    (double a, double b, '*') => a * b,
                    (double a, double b, '/') => a / b,
                    _ => CelError.NoSuchOverload,
                };
            }
        }
        catch (OverflowException)
        {
            return new CelError(x is ulong ? "unsigned integer overflow" : "integer overflow");
        }
    }

    /// <summary>CEL equality: numbers compare across int, uint and double; lists and maps deeply; other mixed types are unequal.</summary>
    public static bool ValueEquals(object? x, object? y)
    {
        if (x is null || y is null)
        {
            return x is null && y is null;
        }

        if (IsNumber(x) && IsNumber(y))
        {
            return CompareNumbers(x, y) == 0;
        }

        return (x, y) switch
        {
            (string a, string b) => a == b,
            (bool a, bool b) => a == b,
            (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
            (List<object?> a, List<object?> b) => a.Count == b.Count && a.Zip(b).All(p => ValueEquals(p.First, p.Second)),
            (Dictionary<object, object?> a, Dictionary<object, object?> b) =>
                a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var other) && ValueEquals(kv.Value, other)),
            _ => false,
        };
    }

    /// <summary>Ordering for &lt; &lt;= &gt; &gt;=; null when the operand types have no ordering (no such overload).</summary>
    public static int? Compare(object? x, object? y)
    {
        if (x is not null && y is not null && IsNumber(x) && IsNumber(y))
        {
            return CompareNumbers(x, y);
        }

        return (x, y) switch
        {
            (string a, string b) => CompareCodePoints(a, b),
            (bool a, bool b) => a.CompareTo(b),
            (byte[] a, byte[] b) => a.AsSpan().SequenceCompareTo(b),
            _ => null,
        };
    }

    private static bool IsNumber(object value) => value is long or ulong or double;

    private static int? CompareNumbers(object x, object y)
    {
        switch (x, y)
        {
            case (long a, long b):
                return a.CompareTo(b);
            case (ulong a, ulong b):
                return a.CompareTo(b);
            case (long a, ulong b):
                return a < 0 ? -1 : ((ulong)a).CompareTo(b);
            case (ulong a, long b):
                return b < 0 ? 1 : a.CompareTo((ulong)b);
            default:
                var dx = Convert.ToDouble(x, CultureInfo.InvariantCulture);
                var dy = Convert.ToDouble(y, CultureInfo.InvariantCulture);
                return double.IsNaN(dx) || double.IsNaN(dy) ? null : dx.CompareTo(dy);
        }
    }

    private static int CompareCodePoints(string a, string b)
    {
        using var x = a.EnumerateRunes().GetEnumerator();
        using var y = b.EnumerateRunes().GetEnumerator();
        while (true)
        {
            var hasX = x.MoveNext();
            var hasY = y.MoveNext();
            if (!hasX || !hasY)
            {
                return hasX.CompareTo(hasY);
            }

            var c = x.Current.Value.CompareTo(y.Current.Value);
            if (c != 0)
            {
                return c;
            }
        }
    }

    /// <summary>Kubernetes' isURL: Go's url.ParseRequestURI accepts it (an absolute URL, or an absolute path).</summary>
    private static bool IsUrl(string s) =>
        s.Length > 0 && !s.Any(char.IsControl) && !s.Contains(' ', StringComparison.Ordinal) &&
        (s.StartsWith('/') || (Uri.TryCreate(s, UriKind.Absolute, out var uri) && uri.Scheme.Length > 0 && Encoding.UTF8.GetByteCount(s) == s.Length));
}
