namespace Junction.Validation.Regexes;

/// <summary>
/// The characters a regex element can consume, exact for ASCII and one flag for all
/// other characters; enough to tell whether two parts of a pattern can compete for input.
/// </summary>
internal readonly record struct CharSet(ulong Low, ulong High, bool NonAscii)
{
    public static readonly CharSet None = new(0, 0, false);
    public static readonly CharSet Any = new(ulong.MaxValue, ulong.MaxValue, true);
    public static readonly CharSet Dot = Any.Minus('\n');
    public static readonly CharSet Digit = Range('0', '9');
    public static readonly CharSet Word = Range('a', 'z') | Range('A', 'Z') | Digit | Single('_') with { NonAscii = true };
    public static readonly CharSet Space = Single(' ') | Range('\t', '\r') with { NonAscii = true };

    public bool IsEmpty => Low == 0 && High == 0 && !NonAscii;

    /// <summary>Exactly one ASCII character.</summary>
    public bool IsSingle => !NonAscii && ulong.PopCount(Low) + ulong.PopCount(High) == 1;

    /// <summary>The set with every ASCII letter in both cases, as (?i) matches it.</summary>
    public CharSet WithBothCases()
    {
        // 'A'-'Z' are bits 1-26 of High, 'a'-'z' bits 33-58: one shift apart.
        const ulong upper = 0x7FFFFFEUL;
        var letters = (High & upper) | ((High >> 32) & upper);
        return this with { High = High | letters | (letters << 32) };
    }

    public static CharSet Single(char c) => c < 128 ? FromBit(c) : new(0, 0, true);

    public static CharSet Range(char from, char to)
    {
        var set = None;
        for (var c = from; c <= to && c < 128; c++)
        {
            set |= FromBit(c);
        }

        return to >= 128 ? set with { NonAscii = true } : set;
    }

    /// <summary>The complement. Non-ASCII stays possible: a negated class can match any of it.</summary>
    public CharSet Negate() => new(~Low, ~High, true);

    public bool Overlaps(CharSet other) => (Low & other.Low) != 0 || (High & other.High) != 0 || (NonAscii && other.NonAscii);

    public static CharSet operator |(CharSet a, CharSet b) => new(a.Low | b.Low, a.High | b.High, a.NonAscii || b.NonAscii);

    private CharSet Minus(char c) => c < 64 ? this with { Low = Low & ~(1UL << c) } : this with { High = High & ~(1UL << (c - 64)) };

    private static CharSet FromBit(char c) => c < 64 ? new(1UL << c, 0, false) : new(0, 1UL << (c - 64), false);
}
