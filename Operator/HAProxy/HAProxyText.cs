using System.Globalization;
using System.Text;

namespace Junction.HAProxy;

/// <summary>
/// Turns user strings into single HAProxy config words that cannot break out of their argument.
/// Everything user-supplied is double-quoted with \, ", $ and control characters escaped, so no
/// value can end the word, start a comment, expand an environment variable or end the line.
/// </summary>
internal static class HAProxyText
{
    /// <summary>A literal as one quoted config word.</summary>
    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"' or '\\' or '$':
                    sb.Append('\\').Append(c);
                    break;
                case < ' ' or '\x7f':
                    sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>
    /// A literal inside a log-format string (header values, redirect locations, new paths), where
    /// '%' starts an expression. Also drops CR, LF and NUL, which no HTTP field may carry and which
    /// would otherwise let a header value forge another header.
    /// </summary>
    public static string LogFormatLiteral(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\r' or '\n' or '\0')
            {
                continue;
            }

            sb.Append(c == '%' ? "%%" : c.ToString());
        }

        return sb.ToString();
    }

    /// <summary>A literal inside a regular-expression replacement, where '\' starts a back-reference.</summary>
    public static string ReplacementLiteral(string text) => LogFormatLiteral(text).Replace("\\", "\\\\", StringComparison.Ordinal);

    /// <summary>A literal that a regular expression matches exactly (every non-alphanumeric character escaped).</summary>
    public static string RegexLiteral(string text)
    {
        var sb = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>
    /// A header, cookie or parameter name as one argument of a sample fetch, e.g. req.hdr(NAME). The
    /// argument parser reads quotes and backslashes itself, so ', " and \ are backslash-escaped (an
    /// unescaped ' in a header name made HAProxy 2.6 refuse the config); the result is meant to be
    /// passed through <see cref="Quote"/>, which escapes the backslash once more for the config
    /// tokenizer. ',', '(', ')', whitespace and control characters cannot be expressed at all (the
    /// expression parser ends the argument list at ')' whatever precedes it), so validation
    /// rejects them and they are dropped here.
    /// </summary>
    public static string FetchArgument(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (c is <= ' ' or '\x7f' or ',' or '(' or ')')
            {
                continue;
            }

            if (c is '\'' or '"' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.Length == 0 ? "x-invalid" : sb.ToString();
    }

    /// <summary>
    /// A header name in <c>balance hdr(NAME)</c>, which HAProxy reads literally up to the first ')'
    /// (no escapes): only HTTP token characters pass, and validation admits only tokens.
    /// </summary>
    public static string BalanceHeaderName(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal))
            {
                sb.Append(c);
            }
        }

        return sb.Length == 0 ? "x-invalid" : sb.ToString();
    }

    /// <summary>An HAProxy time value: 250ms, 5s, 5m, 1h.</summary>
    public static string Time(TimeSpan value) => Api.V1Alpha1.Duration.Format(value < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : value);

    /// <summary>An integer in invariant culture.</summary>
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
