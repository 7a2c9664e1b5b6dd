using System.Globalization;

namespace Junction.Validation.Regexes;

/// <summary>
/// Parses a regular expression (one that .NET already accepted) into <see cref="RegexNode"/>s,
/// and on the way refuses what HAProxy's PCRE2 would refuse or read differently. HAProxy compiles
/// ACL regexes with PCRE2 in byte mode (no UTF) and with PCRE2_NO_AUTO_CAPTURE, so numbered
/// groups do not exist there. The tree keeps what matters for backtracking: sequence,
/// alternation, groups, quantifiers and character sets, with (?i) and (?x) applied.
/// </summary>
internal sealed class RegexParser
{
    /// <summary>PCRE2's largest {n,m} count.</summary>
    public const int MaxRepeatCount = 65535;

    /// <summary>PCRE2's default limit on nested parentheses (PCRE2_CONFIG_PARENSLIMIT).</summary>
    public const int MaxNesting = 250;

    // PCRE2 is built with 2-byte links: a compiled pattern must stay under 64K code units. The
    // estimate below is rough, so the limit keeps a margin.
    private const double MaxCompiledUnits = 60_000;

    private static readonly HashSet<string> GeneralCategories = new(StringComparer.Ordinal)
    {
        "C", "Cc", "Cf", "Cn", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn",
        "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm", "So",
        "Z", "Zl", "Zp", "Zs",
    };

    private readonly string _pattern;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly List<(string Name, int At)> _references = [];
    private int _pos;
    private int _depth;
    private bool _caseless;
    private bool _extended;
    private bool _optionsStandAlone;

    private RegexParser(string pattern) => _pattern = pattern;

    /// <summary>The tree of the pattern.</summary>
    /// <exception cref="RegexDialectException">PCRE2 refuses the pattern or reads it differently.</exception>
    /// <exception cref="FormatException">The pattern is malformed.</exception>
    public static RegexNode Parse(string pattern)
    {
        CheckCharacters(pattern);
        var parser = new RegexParser(pattern);
        var node = parser.Alternation();
        if (parser._pos < pattern.Length)
        {
            throw new FormatException($"unexpected ')' at offset {parser._pos}");
        }

        foreach (var (name, at) in parser._references)
        {
            if (!parser._names.Contains(name))
            {
                throw new RegexDialectException($"\"{name}\" at offset {at} names no group");
            }
        }

        if (CompiledUnits(node) > MaxCompiledUnits)
        {
            throw new RegexDialectException("is too large once compiled (PCRE2 allows about 64K code units; repeated groups are copied once per repetition); use smaller counts");
        }

        return node;
    }

    private static void CheckCharacters(string pattern)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c is < ' ' or '\x7f')
            {
                throw new RegexDialectException($"contains the control character U+{(int)c:X4} at offset {i}; write it as an escape such as \\t or \\x0a");
            }

            if (c > '\x7f')
            {
                throw new RegexDialectException($"contains the non-ASCII character '{c}' at offset {i}; HAProxy matches regular expressions on bytes, so write it as its UTF-8 bytes, e.g. \\xc3\\xa9 for é");
            }
        }
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
        SkipExtended();
        while (!AtEnd && Peek is not '|' and not ')')
        {
            var atomStart = _pos;
            var atom = Atom();
            SkipExtended();
            if (TryQuantifier(out var min, out var max))
            {
                if (atom is RegexNode.Empty)
                {
                    throw new RegexDialectException($"the quantifier at offset {atomStart} follows an anchor, an option or a comment, which PCRE2 cannot repeat");
                }

                atom = new RegexNode.Repeat(atom, min, max, atomStart, _pos);
                SkipExtended();
                if (!AtEnd && (Peek is '*' or '+' or '?' || Peek == '{' && IsQuantifierBrace(_pos)))
                {
                    throw new RegexDialectException($"the quantifier at offset {_pos} repeats a quantifier; PCRE2 refuses that, wrap the first in (?:...)");
                }
            }

            items.Add(atom);
            SkipExtended();
        }

        return items.Count == 1 ? items[0] : new RegexNode.Sequence(items, start, _pos);
    }

    // In (?x) mode whitespace and #-comments between items mean nothing, in .NET and PCRE2 alike.
    private void SkipExtended()
    {
        while (_extended && !AtEnd)
        {
            if (Peek is ' ' or '\t' or '\n' or '\r' or '\f' or '\v')
            {
                _pos++;
            }
            else if (Peek == '#')
            {
                var end = _pattern.IndexOf('\n', _pos);
                _pos = end < 0 ? _pattern.Length : end + 1;
            }
            else
            {
                return;
            }
        }
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
            case '{':
                // Literal in .NET and in PCRE2 up to 10.42, a quantifier from 10.43 on ({,3} and { 2 }).
                if (_pos + 1 < _pattern.Length && (char.IsAsciiDigit(_pattern[_pos + 1]) || _pattern[_pos + 1] is ',' or ' '))
                {
                    throw new RegexDialectException($"the '{{' at offset {_pos} is a literal here but a quantifier in newer PCRE2 versions; write a literal brace as \\{{");
                }

                return false;
            default:
                return false;
        }

        if (!AtEnd && Peek == '?')
        {
            _pos++; // lazy: the same matches, tried in another order
        }

        return true;
    }

    private bool IsQuantifierBrace(int at)
    {
        var saved = _pos;
        _pos = at;
        var result = TryBraces(out _, out _);
        _pos = saved;
        return result;
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
        if (parts.Length > 2 || parts[0].Length == 0 || !parts.All(p => p.All(char.IsAsciiDigit)))
        {
            return false;
        }

        min = Count(parts[0]);
        max = parts.Length == 1 ? min : parts[1].Length > 0 ? Count(parts[1]) : null;
        _pos = close + 1;
        return true;
    }

    private int Count(string digits)
    {
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > MaxRepeatCount)
        {
            throw new RegexDialectException($"the count {digits} at offset {_pos} is above PCRE2's limit of {MaxRepeatCount}");
        }

        return n;
    }

    private RegexNode Atom()
    {
        var start = _pos;
        var c = _pattern[_pos++];
        return c switch
        {
            '(' => Group(start),
            '[' => new RegexNode.Char(Class(start), start, _pos),
            '.' => new RegexNode.Char(CharSet.Dot, start, _pos),
            '^' or '$' => new RegexNode.Empty(start, _pos),
            '\\' => Escape(start),
            _ => new RegexNode.Char(Fold(CharSet.Single(c)), start, _pos),
        };
    }

    private RegexNode Group(int start)
    {
        if (++_depth > MaxNesting)
        {
            throw new RegexDialectException($"nests groups deeper than PCRE2's limit of {MaxNesting}");
        }

        var (caseless, extended) = (_caseless, _extended);
        try
        {
            return GroupBody(start);
        }
        finally
        {
            _depth--;
            if (!_optionsStandAlone)
            {
                (_caseless, _extended) = (caseless, extended);
            }

            _optionsStandAlone = false;
        }
    }

    private RegexNode GroupBody(int start)
    {
        bool atomic = false, lookaround = false, lookbehind = false;
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
                lookaround = lookbehind = true;
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
                GroupName(rest[0] == '<' ? '>' : '\'');
            }
            else if (rest.StartsWith(':'))
            {
                _pos++;
            }
            else if (rest.StartsWith('('))
            {
                Condition();
            }
            else if (InlineOptions())
            {
                return new RegexNode.Empty(start, _pos);
            }
        }

        var inner = Alternation();
        if (AtEnd || Peek != ')')
        {
            throw new FormatException($"missing ')' for the group at offset {start}");
        }

        _pos++;
        if (lookbehind && !FixedLengthBranches(inner))
        {
            throw new RegexDialectException($"the lookbehind at offset {start} can match text of different lengths; PCRE2 needs each of its alternatives to have one fixed length");
        }

        return new RegexNode.Group(inner, atomic, lookaround, start, _pos);
    }

    // (?<name>...) or (?'name'...): PCRE2 names start with a non-digit, are at most 32 long and
    // unique; .NET's balancing groups (?<a-b>...) do not exist there.
    private void GroupName(char close)
    {
        var from = _pos + 1;
        var end = _pattern.IndexOf(close, from);
        var name = end < 0 ? "" : _pattern[from..end];
        if (name.Contains('-', StringComparison.Ordinal))
        {
            throw new RegexDialectException($"the balancing group at offset {_pos - 2} is .NET-only; PCRE2 has no balancing groups");
        }

        CheckName(name, _pos - 2);
        if (!_names.Add(name))
        {
            throw new RegexDialectException($"two groups are named \"{name}\"; PCRE2 needs unique names");
        }

        _pos = After(end);
    }

    private static void CheckName(string name, int at)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            throw new RegexDialectException($"the group at offset {at} is numbered, but HAProxy compiles regular expressions without numbered groups; give it a name such as (?<id>...)");
        }

        if (name.Length > 32)
        {
            throw new RegexDialectException($"the group name \"{name}\" is longer than PCRE2's 32 characters");
        }
    }

    // (?(?=...)yes|no) tests a lookaround, (?(name)yes|no) a named group; .NET reads any other
    // name as a pattern to test, PCRE2 as a group (or as a recursion test: R, R1, DEFINE).
    private void Condition()
    {
        if (_pos + 1 < _pattern.Length && _pattern[_pos + 1] == '?')
        {
            return; // the test is parsed as a lookaround group of its own
        }

        var end = _pattern.IndexOf(')', _pos);
        var name = end < 0 ? "" : _pattern[(_pos + 1)..end];
        if (name.Length == 0 || char.IsAsciiDigit(name[0]) || name == "DEFINE" || name == "VERSION" || name[0] == 'R' && name[1..].All(char.IsAsciiDigit)
            || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new RegexDialectException($"the condition at offset {_pos - 2} is read differently by PCRE2; test a named group (?(name)...) or a lookaround (?(?=...)...)");
        }

        _references.Add((name, _pos));
        _pos = end + 1;
    }

    // (?imnsx-imnsx) sets options until the enclosing group ends; (?i:...) opens a group.
    private bool InlineOptions()
    {
        var on = true;
        while (!AtEnd && Peek is not ')' and not ':')
        {
            switch (Peek)
            {
                case '-':
                    on = false;
                    break;
                case 'i':
                    _caseless = on;
                    break;
                case 'x':
                    _extended = on;
                    break;
            }

            _pos++;
        }

        _optionsStandAlone = _pattern[_pos++] == ')';
        return _optionsStandAlone;
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
            Reference(c, start);
            return new RegexNode.Repeat(new RegexNode.Char(CharSet.Any, start, _pos), 0, null, start, _pos);
        }

        return new RegexNode.Char(Fold(EscapedChar(c, start)), start, _pos);
    }

    private void Reference(char first, int start)
    {
        if (first != 'k')
        {
            throw new RegexDialectException($"the backreference at offset {start} is numbered, but HAProxy compiles regular expressions without numbered groups; name the group and write \\k<name>");
        }

        var close = _pattern[_pos] == '<' ? '>' : '\'';
        var end = _pattern.IndexOf(close, _pos + 1);
        var name = end < 0 ? "" : _pattern[(_pos + 1)..end];
        CheckName(name, start);
        _references.Add((name, start));
        _pos = After(end);
    }

    /// <summary>The set of an escape that stands for characters (\n, \x41, \p{L}, \.), after the backslash.</summary>
    private CharSet EscapedChar(char c, int start)
    {
        switch (c)
        {
            case 'p' or 'P':
                var end = After(_pattern.IndexOf('}', _pos));
                var name = _pattern[(_pos + 1)..(end - 1)];
                _pos = end;
                if (!GeneralCategories.Contains(name))
                {
                    throw new RegexDialectException(name.StartsWith("Is", StringComparison.Ordinal)
                        ? $"\\{c}{{{name}}} at offset {start} is a .NET Unicode block; PCRE2 has no blocks (and runs on bytes in HAProxy); use an explicit class or \\xHH bytes"
                        : $"\\{c}{{{name}}} at offset {start} is not a Unicode general category PCRE2 knows");
                }

                return CharSet.Any;
            case 'u':
                throw new RegexDialectException($"\\u at offset {start} is .NET-only; PCRE2 refuses it. HAProxy matches bytes: write \\xHH (UTF-8 bytes for non-ASCII)");
            case 'v':
                throw new RegexDialectException($"\\v at offset {start} is a vertical tab in .NET but any vertical whitespace in PCRE2; write \\x0b");
            case 'x':
                return Hex(2);
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

    private CharSet Class(int start)
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
                throw new RegexDialectException($"the class at offset {start} uses .NET class subtraction (-[...]); PCRE2 reads it as a different class. List the characters instead, or use a lookahead: (?![aeiou])[a-z]");
            }

            if (Peek == '[' && _pos + 1 < _pattern.Length && _pattern[_pos + 1] is ':' or '.' or '=')
            {
                throw new RegexDialectException($"\"[{_pattern[_pos + 1]}\" at offset {_pos} inside a class starts a POSIX class in PCRE2 but not in .NET; escape the '[' as \\[");
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
        set = Fold(set);
        return negate ? set.Negate() : set;
    }

    private (CharSet Set, bool Single) ClassAtom()
    {
        var at = _pos;
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
            'p' or 'P' => (EscapedChar(e, at), false),
            _ => (EscapedChar(e, at), true),
        };
    }

    // Under (?i) a letter stands for both of its cases, so two parts that differ only in case compete.
    private CharSet Fold(CharSet set) => _caseless ? set.WithBothCases() : set;

    private static bool FixedLengthBranches(RegexNode inner) => inner is RegexNode.Alternation a
        ? a.Branches.All(b => FixedLength(b) is not null)
        : FixedLength(inner) is not null;

    private static int? FixedLength(RegexNode node) => node switch
    {
        RegexNode.Char => 1,
        RegexNode.Empty => 0,
        RegexNode.Group { Lookaround: true } => 0,
        RegexNode.Group g => FixedLength(g.Inner),
        RegexNode.Sequence s => s.Items.Aggregate((int?)0, (sum, i) => sum + FixedLength(i)),
        RegexNode.Alternation a => a.Branches.Select(FixedLength).Distinct().ToList() is [{ } only] ? only : null,
        RegexNode.Repeat { Max: { } max } r when max == r.Min => FixedLength(r.Body) * r.Min,
        _ => null,
    };

    // Rough PCRE2 code units: a literal 2, a class 33, a group 6 plus its content; a repeated
    // group is copied once per repetition (up to the bound), a repeated character is one opcode.
    private static double CompiledUnits(RegexNode node) => node switch
    {
        RegexNode.Char c => c.Set.IsSingle ? 2 : 33,
        RegexNode.Empty => 1,
        RegexNode.Sequence s => s.Items.Sum(CompiledUnits),
        RegexNode.Alternation a => a.Branches.Sum(CompiledUnits) + 3 * a.Branches.Count,
        RegexNode.Group g => CompiledUnits(g.Inner) + 6,
        RegexNode.Repeat { Body: RegexNode.Char } r => CompiledUnits(r.Body) + 4,
        RegexNode.Repeat r => (CompiledUnits(r.Body) + 1) * (Math.Max(r.Min, 1) + (r.Max is { } max ? max - r.Min : 1)),
        _ => 0,
    };

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
