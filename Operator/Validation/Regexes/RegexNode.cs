namespace Junction.Validation.Regexes;

/// <summary>The structure of a regular expression, as far as backtracking analysis needs it.</summary>
internal abstract record RegexNode(int Start, int End)
{
    /// <summary>Can match the empty string.</summary>
    public abstract bool Nullable { get; }

    /// <summary>Every character the node can consume anywhere.</summary>
    public abstract CharSet Chars { get; }

    /// <summary>The characters a non-empty match can start with.</summary>
    public abstract CharSet First { get; }

    /// <summary>One character from a set (a literal, ., a class, \d ...).</summary>
    public sealed record Char(CharSet Set, int Start, int End) : RegexNode(Start, End)
    {
        public override bool Nullable => false;
        public override CharSet Chars => Set;
        public override CharSet First => Set;
    }

    /// <summary>Matches no characters: anchors, lookarounds, inline options, comments.</summary>
    public sealed record Empty(int Start, int End) : RegexNode(Start, End)
    {
        public override bool Nullable => true;
        public override CharSet Chars => CharSet.None;
        public override CharSet First => CharSet.None;
    }

    /// <summary>Elements one after the other.</summary>
    public sealed record Sequence(IReadOnlyList<RegexNode> Items, int Start, int End) : RegexNode(Start, End)
    {
        public override bool Nullable => Items.All(i => i.Nullable);
        public override CharSet Chars => Items.Aggregate(CharSet.None, (s, i) => s | i.Chars);

        public override CharSet First
        {
            get
            {
                var first = CharSet.None;
                foreach (var item in Items)
                {
                    first |= item.First;
                    if (!item.Nullable)
                    {
                        break;
                    }
                }

                return first;
            }
        }
    }

    /// <summary>a|b|c.</summary>
    public sealed record Alternation(IReadOnlyList<RegexNode> Branches, int Start, int End) : RegexNode(Start, End)
    {
        public override bool Nullable => Branches.Any(b => b.Nullable);
        public override CharSet Chars => Branches.Aggregate(CharSet.None, (s, b) => s | b.Chars);
        public override CharSet First => Branches.Aggregate(CharSet.None, (s, b) => s | b.First);
    }

    /// <summary>A group; atomic groups never give back what they matched, lookarounds consume nothing.</summary>
    public sealed record Group(RegexNode Inner, bool Atomic, bool Lookaround, int Start, int End) : RegexNode(Start, End)
    {
        public override bool Nullable => Lookaround || Inner.Nullable;
        public override CharSet Chars => Lookaround ? CharSet.None : Inner.Chars;
        public override CharSet First => Lookaround ? CharSet.None : Inner.First;
    }

    /// <summary>A quantifier: body{Min,Max}; Max null means unbounded.</summary>
    public sealed record Repeat(RegexNode Body, int Min, int? Max, int Start, int End) : RegexNode(Start, End)
    {
        public override bool Nullable => Min == 0 || Body.Nullable;
        public override CharSet Chars => Body.Chars;
        public override CharSet First => Body.First;

        /// <summary>Can match a varying number of times (a*, a+, a?, a{2,5}).</summary>
        public bool Variable => Max is null || Max > Min;
    }
}
