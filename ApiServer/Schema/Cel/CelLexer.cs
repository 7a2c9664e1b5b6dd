using System.Globalization;
using System.Text;

namespace Junction.ApiServer.Schema.Cel;

/// <summary>Splits a CEL expression into tokens, decoding numeric, string and bytes literals as the CEL spec defines them.</summary>
internal static class CelLexer
{
    private static readonly string[] Puncts = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "+", "-", "*", "/", "%", "?", ":", ".", ",", "(", ")", "[", "]", "{", "}"];

    public static List<CelToken> Tokenize(string source)
    {
        var tokens = new List<CelToken>();
        var i = 0;
        while (true)
        {
            i = SkipSpaceAndComments(source, i);
            if (i >= source.Length)
            {
                tokens.Add(new CelToken(CelTokenKind.End, string.Empty, null, i));
                return tokens;
            }

            var c = source[i];
            var start = i;
            if (IsStringStart(source, i))
            {
                tokens.Add(ReadString(source, ref i));
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < source.Length && (char.IsAsciiLetterOrDigit(source[i]) || source[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new CelToken(CelTokenKind.Identifier, source[start..i], null, start));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < source.Length && char.IsAsciiDigit(source[i + 1])))
            {
                tokens.Add(ReadNumber(source, ref i));
            }
            else
            {
                var punct = Puncts.FirstOrDefault(p => string.CompareOrdinal(source, i, p, 0, p.Length) == 0)
                    ?? throw new CelCompileException($"Syntax error: token recognition error at: '{c}'", i);
                i += punct.Length;
                tokens.Add(new CelToken(CelTokenKind.Punct, punct, null, start));
            }
        }
    }

    private static int SkipSpaceAndComments(string s, int i)
    {
        while (i < s.Length)
        {
            if (char.IsWhiteSpace(s[i]))
            {
                i++;
            }
            else if (s[i] == '/' && i + 1 < s.Length && s[i + 1] == '/')
            {
                while (i < s.Length && s[i] != '\n')
                {
                    i++;
                }
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static bool IsStringStart(string s, int i)
    {
        var j = i;
        while (j < s.Length && j - i < 2 && s[j] is 'r' or 'R' or 'b' or 'B')
        {
            j++;
        }

        return j < s.Length && s[j] is '\'' or '"';
    }

    private static CelToken ReadNumber(string s, ref int i)
    {
        var start = i;
        if (s[i] == '0' && i + 1 < s.Length && s[i + 1] is 'x' or 'X')
        {
            i += 2;
            while (i < s.Length && char.IsAsciiHexDigit(s[i]))
            {
                i++;
            }

            var hex = s[(start + 2)..i];
            if (i < s.Length && s[i] is 'u' or 'U')
            {
                i++;
                return ulong.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var u)
                    ? new CelToken(CelTokenKind.Uint, s[start..i], u, start)
                    : throw new CelCompileException("invalid uint literal", start);
            }

            return long.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var h) && h >= 0
                ? new CelToken(CelTokenKind.Int, s[start..i], h, start)
                : throw new CelCompileException("invalid int literal", start);
        }

        var isDouble = false;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        if (i < s.Length && s[i] == '.' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]))
        {
            isDouble = true;
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < s.Length && s[j] is '+' or '-')
            {
                j++;
            }

            if (j < s.Length && char.IsAsciiDigit(s[j]))
            {
                isDouble = true;
                i = j;
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    i++;
                }
            }
        }

        var text = s[start..i];
        if (isDouble)
        {
            return new CelToken(CelTokenKind.Double, text, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), start);
        }

        if (i < s.Length && s[i] is 'u' or 'U')
        {
            i++;
            return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var u)
                ? new CelToken(CelTokenKind.Uint, s[start..i], u, start)
                : throw new CelCompileException("invalid uint literal", start);
        }

        // The minus sign is a separate token; the parser folds "-9223372036854775808" itself.
        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= (ulong)long.MaxValue + 1
            ? new CelToken(CelTokenKind.Int, text, n, start)
            : throw new CelCompileException("invalid int literal", start);
    }

    private static CelToken ReadString(string s, ref int i)
    {
        var start = i;
        var raw = false;
        var bytes = false;
        while (s[i] is not ('\'' or '"'))
        {
            raw |= s[i] is 'r' or 'R';
            bytes |= s[i] is 'b' or 'B';
            i++;
        }

        var quote = s[i];
        var triple = i + 2 < s.Length && s[i + 1] == quote && s[i + 2] == quote;
        var delimiter = triple ? new string(quote, 3) : quote.ToString();
        i += delimiter.Length;
        var text = new StringBuilder();
        var octets = new List<byte>();
        while (true)
        {
            if (i >= s.Length || (!triple && s[i] == '\n'))
            {
                throw new CelCompileException("Syntax error: token recognition error at: '" + s[start..Math.Min(s.Length, i)] + "'", start);
            }

            if (string.CompareOrdinal(s, i, delimiter, 0, delimiter.Length) == 0)
            {
                i += delimiter.Length;
                break;
            }

            if (s[i] == '\\' && !raw)
            {
                ReadEscape(s, ref i, text, octets, bytes);
                continue;
            }

            var rune = Rune.GetRuneAt(s, i);
            text.Append(rune.ToString());
            if (bytes)
            {
                octets.AddRange(Encoding.UTF8.GetBytes(rune.ToString()));
            }

            i += rune.Utf16SequenceLength;
        }

        return bytes
            ? new CelToken(CelTokenKind.Bytes, s[start..i], octets.ToArray(), start)
            : new CelToken(CelTokenKind.String, s[start..i], text.ToString(), start);
    }

    private static void ReadEscape(string s, ref int i, StringBuilder text, List<byte> octets, bool bytes)
    {
        var at = i;
        i++;
        if (i >= s.Length)
        {
            throw new CelCompileException("Syntax error: invalid escape sequence", at);
        }

        var c = s[i++];
        var simple = c switch
        {
            'a' => "\a",
            'b' => "\b",
            'f' => "\f",
            'n' => "\n",
            'r' => "\r",
            't' => "\t",
            'v' => "\v",
            '\\' => "\\",
            '\'' => "'",
            '"' => "\"",
            '`' => "`",
            '?' => "?",
            _ => null,
        };
        if (simple is not null)
        {
            text.Append(simple);
            octets.Add((byte)simple[0]);
            return;
        }

        int digits;
        int radix;
        switch (c)
        {
            case 'x' or 'X':
                digits = 2;
                radix = 16;
                break;
            case 'u' when !bytes:
                digits = 4;
                radix = 16;
                break;
            case 'U' when !bytes:
                digits = 8;
                radix = 16;
                break;
            case >= '0' and <= '3':
                i--;
                digits = 3;
                radix = 8;
                break;
            default:
                throw new CelCompileException("Syntax error: invalid escape sequence", at);
        }

        if (i + digits > s.Length)
        {
            throw new CelCompileException("Syntax error: invalid escape sequence", at);
        }

        var value = 0;
        foreach (var d in s.AsSpan(i, digits))
        {
            var v = char.IsAsciiDigit(d) ? d - '0' : char.IsAsciiHexDigit(d) ? char.ToLowerInvariant(d) - 'a' + 10 : 99;
            if (v >= radix)
            {
                throw new CelCompileException("Syntax error: invalid escape sequence", at);
            }

            value = (value * radix) + v;
        }

        i += digits;
        if (bytes && digits <= 3)
        {
            octets.Add((byte)value);
            text.Append((char)value);
        }
        else if (Rune.IsValid(value))
        {
            text.Append(new Rune(value).ToString());
            octets.AddRange(Encoding.UTF8.GetBytes(new Rune(value).ToString()));
        }
        else
        {
            throw new CelCompileException("Syntax error: invalid escape sequence", at);
        }
    }
}
