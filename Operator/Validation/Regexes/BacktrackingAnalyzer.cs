namespace Junction.Validation.Regexes;

/// <summary>
/// Finds quantifiers whose body can match the same input in more than one way, the shape
/// behind catastrophic backtracking: (a+)+, (a*)*, (.*)*, (a|a)*, (\w+\s?)+, (a[a-z]*)+.
/// A repeated body is ambiguous when it holds a variable-length repeat whose characters
/// the rest of the body can also consume (or the rest can be empty), or alternatives that
/// can start with the same character. Atomic groups are trusted: they never backtrack.
/// </summary>
internal static class BacktrackingAnalyzer
{
    // Bounded outer repeats above this still multiply the ways to split the input past usefulness.
    private const int MaxHarmlessOuterRepeat = 10;

    /// <summary>The first risky repeat, or null when none is found.</summary>
    public static RegexNode.Repeat? FindRisk(RegexNode node) => node switch
    {
        RegexNode.Repeat r when (r.Max is null || r.Max > MaxHarmlessOuterRepeat) && Ambiguous(r.Body) => r,
        RegexNode.Repeat r => FindRisk(r.Body),
        RegexNode.Group g => FindRisk(g.Inner),
        RegexNode.Sequence s => s.Items.Select(FindRisk).FirstOrDefault(x => x is not null),
        RegexNode.Alternation a => a.Branches.Select(FindRisk).FirstOrDefault(x => x is not null),
        _ => null,
    };

    private static bool Ambiguous(RegexNode body) => body switch
    {
        RegexNode.Group { Atomic: true } or RegexNode.Group { Lookaround: true } => false,
        RegexNode.Group g => Ambiguous(g.Inner),
        RegexNode.Repeat r => r.Variable || Ambiguous(r.Body),
        RegexNode.Alternation a => OverlappingBranches(a) || a.Branches.Any(Ambiguous),
        RegexNode.Sequence s => AmbiguousSequence(s),
        _ => false,
    };

    private static bool OverlappingBranches(RegexNode.Alternation a)
    {
        for (var i = 0; i < a.Branches.Count; i++)
        {
            for (var j = i + 1; j < a.Branches.Count; j++)
            {
                if (a.Branches[i].First.Overlaps(a.Branches[j].First) || (a.Branches[i].Nullable && a.Branches[j].Nullable))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool AmbiguousSequence(RegexNode.Sequence s)
    {
        for (var i = 0; i < s.Items.Count; i++)
        {
            var item = Unwrap(s.Items[i]);
            if (item is RegexNode.Repeat { Variable: true } repeat)
            {
                var others = s.Items.Where((_, j) => j != i).ToArray();
                if (others.All(o => o.Nullable) || others.Any(o => o.Chars.Overlaps(repeat.Body.Chars)))
                {
                    return true;
                }
            }
            else if (Ambiguous(item) && s.Items.Where((_, j) => j != i).All(o => o.Nullable))
            {
                return true;
            }
        }

        return false;
    }

    private static RegexNode Unwrap(RegexNode node) =>
        node is RegexNode.Group { Atomic: false, Lookaround: false } g ? Unwrap(g.Inner) : node;
}
