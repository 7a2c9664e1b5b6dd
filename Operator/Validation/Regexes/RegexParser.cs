using System.Globalization;

namespace Junction.Validation.Regexes;

/// <summary>
/// Parses a regular expression (one that .NET already accepted) into <see cref="RegexNode"/>s.
/// It keeps what matters for backtracking: sequence, alternation, groups, quantifiers and
/// the character sets; case-insensitivity and exotic constructs are approximated.
/// </summary>
internal sealed class RegexParser
{
    private readonly string _pattern;
    private int _pos;

    private RegexParser(string pattern) => _pattern = pattern;

    public static RegexNode Parse(string pattern)
    {
        var parser = new RegexParser(pattern);
        var node = parser.Alternation();
        if (parser._pos < pattern.Length)
        {
            throw new FormatException($"unexpected ')' at offset {parser._pos}");
        }

        return node;
    }

    private bool AtEnd => _pos >= _pattern.Length;

    private char Peek => _pattern[_pos];

    private RegexNode Alternation()
    {
        var start = _pos;
        var branches = new List<RegexNode> { Sequence() };
        while (!AtEnd && Peek == '|')
        {
            _pos++;
            branches.Add(Sequence());
        }

        return branches.Count == 1 ? branches[0] : new RegexNode.Alternation(branches, start, _pos);
    }

    private RegexNode Sequence()
    {
        var start = _pos;
        var items = new List<RegexNode>();
        while (!AtEnd && Peek is not '|' and not ')')
        {
            var atomStart = _pos;
            var atom = Atom();
            while (TryQuantifier(out var min, out var max))
            {
                atom = new RegexNode.Repeat(atom, min, max, atomStart, _pos);
            }

            items.Add(atom);
        }

        return items.Count == 1 ? items[0] : new RegexNode.Sequence(items, start, _pos);
    }

    private bool TryQuantifier(out int min, out int? max)
    {
        (min, max) = (0, null);
        if (AtEnd)
        {
            return false;
        }

        switch (Peek)
        {
            case '*':
                _pos++;
                break;
            case '+':
                _pos++;
                min = 1;
                break;
            case '?':
                _pos++;
                max = 1;
                break;
            case '{' when TryBraces(out min, out max):
                break;
            default:
                return false;
        }

        if (!AtEnd && Peek == '?')
        {
            _pos++; // lazy: the same matches, tried in another order
        }

        return true;
    }

    private bool TryBraces(out int min, out int? max)
    {
        (min, max) = (0, null);
        var close = _pattern.IndexOf('}', _pos);
        if (close < 0)
        {
            return false;
        }

        var parts = _pattern[(_pos + 1)..close].Split(',');
        if (parts.Length > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out min))
        {
            return false;
        }

        if (parts.Length == 1)
        {
            max = min;
        }
        else if (parts[1].Length > 0)
        {
            if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var upper))
            {
                return false;
            }

            max = upper;
        }

        _pos = close + 1;
        return true;
    }

    private RegexNode Atom()
    {
        var start = _pos;
        var c = _pattern[_pos++];
        return c switch
        {
            '(' => Group(start),
            '[' => new RegexNode.Char(Class(), start, _pos),
            '.' => new RegexNode.Char(CharSet.Dot, start, _pos),
            '^' or '$' => new RegexNode.Empty(start, _pos),
            '\\' => Escape(start),
            _ => new RegexNode.Char(CharSet.Single(c), start, _pos),
        };
    }

    private RegexNode Group(int start)
    {
        bool atomic = false, lookaround = false;
        if (!AtEnd && Peek == '?')
        {
            _pos++;
            var rest = _pattern[_pos..];
            if (rest.StartsWith('#'))
            {
                _pos = After(_pattern.IndexOf(')', _pos));
                return new RegexNode.Empty(start, _pos);
            }

            if (rest.StartsWith("<=", StringComparison.Ordinal) || rest.StartsWith("<!", StringComparison.Ordinal))
            {
                _pos += 2;
                lookaround = true;
            }
            else if (rest.StartsWith('=') || rest.StartsWith('!'))
            {
                _pos++;
                lookaround = true;
            }
            else if (rest.StartsWith('>'))
            {
                _pos++;
                atomic = true;
            }
            else if (rest.StartsWith('<') || rest.StartsWith('\''))
            {
                _pos = After(_pattern.IndexOfAny(['>', '\''], _pos + 1)); // a named group
            }
            else if (rest.StartsWith(':'))
            {
                _pos++;
            }
            else if (rest.StartsWith('('))
            {
                lookaround = false; // a conditional: its test is parsed as a group of its own
            }
            else
            {
                // Inline options: (?i) stands alone, (?i:...) opens a group.
                while (!AtEnd && Peek is not ')' and not ':')
                {
                    _pos++;
                }

                if (_pattern[_pos++] == ')')
                {
                    return new RegexNode.Empty(start, _pos);
                }
            }
        }

        var inner = Alternation();
        if (AtEnd || Peek != ')')
        {
            throw new FormatException($"missing ')' for the group at offset {start}");
        }

        _pos++;
        return new RegexNode.Group(inner, atomic, lookaround, start, _pos);
    }

    private RegexNode Escape(int start)
    {
        var c = _pattern[_pos++];
        CharSet? set = c switch
        {
            'd' => CharSet.Digit,
            'D' => CharSet.Digit.Negate(),
            'w' => CharSet.Word,
            'W' => CharSet.Word.Negate(),
            's' => CharSet.Space,
            'S' => CharSet.Space.Negate(),
            _ => null,
        };
        if (set is { } known)
        {
            return new RegexNode.Char(known, start, _pos);
        }

        if (c is 'b' or 'B' or 'A' or 'z' or 'Z' or 'G')
        {
            return new RegexNode.Empty(start, _pos);
        }

        if (c is 'k' || char.IsAsciiDigit(c) && c != '0')
        {
            // A backreference can repeat anything its group matched.
            SkipReference(c);
            return new RegexNode.Repeat(new RegexNode.Char(CharSet.Any, start, _pos), 0, null, start, _pos);
        }

        return new RegexNode.Char(EscapedChar(c), start, _pos);
    }

    private void SkipReference(char first)
    {
        if (first == 'k')
        {
            _pos = After(_pattern.IndexOfAny(['>', '\''], _pos + 1));
            return;
        }

        while (!AtEnd && char.IsAsciiDigit(Peek))
        {
            _pos++;
        }
    }

    /// <summary>The set of an escape that stands for characters (\n, \x41, \p{L}, \.), after the backslash.</summary>
    private CharSet EscapedChar(char c)
    {
        switch (c)
        {
            case 'p' or 'P':
                _pos = After(_pattern.IndexOf('}', _pos));
                return CharSet.Any;
            case 'x':
                return Hex(2);
            case 'u':
                return Hex(4);
            case 'c':
                _pos++;
                return CharSet.Range('\0', '\x1f');
            case '0':
                while (!AtEnd && Peek is >= '0' and <= '7')
                {
                    _pos++;
                }

                return CharSet.Range('\0', '\x7f');
            default:
                return CharSet.Single(c switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    'f' => '\f',
                    'v' => '\v',
                    'e' => '\x1b',
                    'a' => '\a',
                    _ => c,
                });
        }
    }

    private CharSet Hex(int digits)
    {
        var value = int.Parse(_pattern.AsSpan(_pos, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        _pos += digits;
        return CharSet.Single((char)value);
    }

    private CharSet Class()
    {
        var negate = !AtEnd && Peek == '^';
        if (negate)
        {
            _pos++;
        }

        var set = CharSet.None;
        var first = true;
        while (!AtEnd && (Peek != ']' || first))
        {
            first = false;
            if (Peek == '-' && _pos + 1 < _pattern.Length && _pattern[_pos + 1] == '[')
            {
                _pos++;
                _pos++;
                _ = Class(); // subtraction: keeping the larger set only over-approximates
                continue;
            }

            var (low, single) = ClassAtom();
            if (single && !AtEnd && Peek == '-' && _pos + 1 < _pattern.Length && _pattern[_pos + 1] is not ']' and not '[')
            {
                _pos++;
                var (high, _) = ClassAtom();
                set |= CharSet.Range(Lowest(low), Highest(high));
            }
            else
            {
                set |= low;
            }
        }

        _pos++; // ]
        return negate ? set.Negate() : set;
    }

    private (CharSet Set, bool Single) ClassAtom()
    {
        var c = _pattern[_pos++];
        if (c != '\\')
        {
            return (CharSet.Single(c), true);
        }

        var e = _pattern[_pos++];
        return e switch
        {
            'd' => (CharSet.Digit, false),
            'D' => (CharSet.Digit.Negate(), false),
            'w' => (CharSet.Word, false),
            'W' => (CharSet.Word.Negate(), false),
            's' => (CharSet.Space, false),
            'S' => (CharSet.Space.Negate(), false),
            'b' => (CharSet.Single('\b'), true),
            'p' or 'P' => (EscapedChar(e), false),
            _ => (EscapedChar(e), true),
        };
    }

    private static int After(int index) =>
        index >= 0 ? index + 1 : throw new FormatException("unterminated construct");

    private static char Lowest(CharSet set)
    {
        for (var c = '\0'; c < 128; c++)
        {
            if (set.Overlaps(CharSet.Single(c)))
            {
                return c;
            }
        }

        return (char)128;
    }

    private static char Highest(CharSet set)
    {
        if (set.NonAscii)
        {
            return char.MaxValue;
        }

        for (var c = (char)127; c > 0; c--)
        {
            if (set.Overlaps(CharSet.Single(c)))
            {
                return c;
            }
        }

        return '\0';
    }
}
