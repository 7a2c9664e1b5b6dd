namespace Junction.Validation.Regexes;

/// <summary>
/// Finds quantifiers whose body can match the same input in more than one way, the shape
/// behind catastrophic backtracking: (a+)+, (a*)*, (.*)*, (a|a)*, (\w+\s?)+, (a[a-z]*)+.
/// A repeated body is ambiguous when it holds a variable-length repeat whose characters
/// the rest of the body can also consume (or the rest can be empty), or alternatives that
/// can start with the same character. Atomic groups are trusted: they never backtrack.
/// A bounded repeat of such a body is as bad: ^(a+){10}$ tries on the order of n^9 splits.
/// Without nesting, a run of adjacent unbounded repeats that can take each other's characters
/// (a*a*a*b, .*.*.*x) is polynomial of the run's length; from three on that is a risk too.
/// (?i) is applied to the character sets by the parser, so a and A compete.
/// </summary>
internal static class BacktrackingAnalyzer
{
    // Two passes over an ambiguous body only split the input in n ways; from three it is n^2 and more.
    private const int MaxHarmlessOuterRepeat = 2;

    // Three overlapping unbounded repeats in a row make a failed match cost n^3 (n^4 unanchored).
    private const int MaxHarmlessRun = 2;

    // A repeat whose count varies by more than this is as good as unbounded for the run check.
    private const int LongRange = 16;

    /// <summary>The first risky part, or null when none is found.</summary>
    public static RegexRisk? FindRisk(RegexNode node) => node switch
    {
        RegexNode.Repeat r when (r.Max is null || r.Max > MaxHarmlessOuterRepeat) && Ambiguous(r.Body) =>
            new RegexRisk(r.Start, r.End, "repeats a part that can match the same text in several ways"),
        RegexNode.Repeat r => FindRisk(r.Body),
        RegexNode.Group g => FindRisk(g.Inner),
        RegexNode.Sequence s => OverlappingRun(s) ?? s.Items.Select(FindRisk).FirstOrDefault(x => x is not null),
        RegexNode.Alternation a => a.Branches.Select(FindRisk).FirstOrDefault(x => x is not null),
        _ => null,
    };

    private static RegexRisk? OverlappingRun(RegexNode.Sequence s)
    {
        var run = new List<RegexNode>();
        foreach (var item in s.Items)
        {
            if (item is RegexNode.Empty)
            {
                continue; // anchors and options consume nothing, so they do not separate repeats
            }

            var continues = Unwrap(item) is RegexNode.Repeat { Variable: true } r && (r.Max is null || r.Max - r.Min > LongRange)
                && (run.Count == 0 || ((RegexNode.Repeat)Unwrap(run[^1])).Body.Chars.Overlaps(r.Body.Chars));
            if (!continues)
            {
                if (Risk(run) is { } risk)
                {
                    return risk;
                }

                run.Clear();
                if (Unwrap(item) is not RegexNode.Repeat { Variable: true } again || (again.Max is not null && again.Max - again.Min <= LongRange))
                {
                    continue;
                }
            }

            run.Add(item);
        }

        return Risk(run);
    }

    private static RegexRisk? Risk(List<RegexNode> run) => run.Count > MaxHarmlessRun
        ? new RegexRisk(run[0].Start, run[^1].End, $"has {run.Count} unbounded repeats in a row that can take each other's characters, so a failed match tries polynomially many splits")
        : null;

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
