using System.Text;

namespace Junction.ApiServer.Schema.Cel;

/// <summary>The string extension functions of Kubernetes' CEL environment (cel-go's ext.Strings), indexed by code point.</summary>
internal static class CelStrings
{
    public static object? Call(string name, string s, object?[] a) => name switch
    {
        "lowerAscii" => new string(s.Select(c => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c).ToArray()),
        "upperAscii" => new string(s.Select(c => c is >= 'a' and <= 'z' ? (char)(c - 32) : c).ToArray()),
        "trim" => s.Trim(),
        "replace" => a[1] is string from && a[2] is string to ? Replace(s, from, to, a.Length > 3 ? a[3] : -1L) : CelError.NoSuchOverload,
        "split" => a[1] is string separator ? Split(s, separator, a.Length > 2 ? a[2] : -1L) : CelError.NoSuchOverload,
        "indexOf" => a[1] is string t ? IndexOf(s, t, a.Length > 2 ? a[2] : 0L, last: false) : CelError.NoSuchOverload,
        "lastIndexOf" => a[1] is string t ? IndexOf(s, t, a.Length > 2 ? a[2] : null, last: true) : CelError.NoSuchOverload,
        "substring" => Substring(s, a[1], a.Length > 2 ? a[2] : null),
        "charAt" => a[1] is long i ? CharAt(s, i) : CelError.NoSuchOverload,
        _ => CelError.NoSuchOverload,
    };

    private static object Replace(string s, string from, string to, object? limit)
    {
        if (limit is not long n)
        {
            return CelError.NoSuchOverload;
        }

        if (n < 0)
        {
            return s.Replace(from, to, StringComparison.Ordinal);
        }

        var result = new StringBuilder();
        var at = 0;
        for (var done = 0; done < n; done++)
        {
            var next = s.IndexOf(from, at, StringComparison.Ordinal);
            if (next < 0)
            {
                break;
            }

            result.Append(s, at, next - at).Append(to);
            at = next + from.Length;
        }

        return result.Append(s, at, s.Length - at).ToString();
    }

    private static object Split(string s, string separator, object? limit)
    {
        if (limit is not long n)
        {
            return CelError.NoSuchOverload;
        }

        if (n == 0)
        {
            return new List<object?>();
        }

        var parts = separator.Length == 0 ? s.EnumerateRunes().Select(r => r.ToString()).ToArray() : s.Split(separator);
        if (n > 0 && parts.Length > n)
        {
            var head = parts.Take((int)n - 1).ToList();
            head.Add(string.Join(separator, parts.Skip((int)n - 1)));
            parts = [.. head];
        }

        return parts.Cast<object?>().ToList();
    }

    private static object IndexOf(string s, string t, object? start, bool last)
    {
        var runes = s.EnumerateRunes().Select(r => r.ToString()).ToArray();
        var needle = t.EnumerateRunes().Select(r => r.ToString()).ToArray();
        var from = start switch
        {
            long l => l,
            null => (long)(runes.Length - needle.Length),
            _ => -2L,
        };
        if (from == -2 || from < 0 || from > runes.Length)
        {
            return start is null && needle.Length > runes.Length ? -1L : new CelError($"index out of range: {from}");
        }

        for (var i = from; last ? i >= 0 : i <= runes.Length - needle.Length; i += last ? -1 : 1)
        {
            if (i + needle.Length <= runes.Length && runes.AsSpan((int)i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1L;
    }

    private static object Substring(string s, object? start, object? end)
    {
        var runes = s.EnumerateRunes().ToArray();
        if (start is not long from || (end is not null && end is not long))
        {
            return CelError.NoSuchOverload;
        }

        var to = end is long e ? e : runes.Length;
        if (from < 0 || from > runes.Length)
        {
            return new CelError($"index out of range: {from}");
        }

        if (to < from || to > runes.Length)
        {
            return new CelError($"index out of range: {to}");
        }

        return string.Concat(runes[(int)from..(int)to].Select(r => r.ToString()));
    }

    private static object CharAt(string s, long i)
    {
        var runes = s.EnumerateRunes().ToArray();
        return i < 0 || i > runes.Length ? new CelError($"index out of range: {i}") : i == runes.Length ? string.Empty : runes[i].ToString();
    }
}
