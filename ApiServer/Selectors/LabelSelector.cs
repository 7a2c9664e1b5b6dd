using Junction.ApiServer.Store;

namespace Junction.ApiServer.Selectors;

/// <summary>A parsed labelSelector query: all requirements must hold.</summary>
internal sealed class LabelSelector
{
    private readonly IReadOnlyList<LabelRequirement> requirements;

    private LabelSelector(IReadOnlyList<LabelRequirement> requirements)
    {
        this.requirements = requirements;
    }

    public static LabelSelector Everything { get; } = new([]);

    public bool Matches(IReadOnlyDictionary<string, string> labels) => requirements.All(r => r.Matches(labels));

    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        return new(SplitTerms(text).Select(ParseTerm).ToList());
    }

    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var begin = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(')
            {
                depth++;
            }
            else if (text[i] == ')')
            {
                depth--;
            }
            else if (text[i] == ',' && depth == 0)
            {
                yield return text[begin..i].Trim();
                begin = i + 1;
            }
        }

        yield return text[begin..].Trim();
    }

    private static LabelRequirement ParseTerm(string term)
    {
        if (term.StartsWith('!'))
        {
            return new(Key(term[1..], term), "!", []);
        }

        foreach (var op in new[] { " notin ", " in " })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var set = term[(at + op.Length)..].Trim();
                if (!set.StartsWith('(') || !set.EndsWith(')'))
                {
                    throw Errors.BadRequest($"unable to parse requirement: found '{set}', expected: '('");
                }

                var values = set[1..^1].Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
                return new(Key(term[..at], term), op.Trim(), values);
            }
        }

        foreach (var op in new[] { "==", "!=", "=", ">", "<" })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var normalized = op == "==" ? "=" : op;
                return new(Key(term[..at], term), normalized, [term[(at + op.Length)..].Trim()]);
            }
        }

        return new(Key(term, term), "exists", []);
    }

    private static string Key(string key, string term)
    {
        var trimmed = key.Trim();
        if (trimmed.Length == 0 || trimmed.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or '=' or '!'))
        {
            throw Errors.BadRequest($"unable to parse requirement: <nil>: invalid label key \"{trimmed}\" in \"{term}\"");
        }

        return trimmed;
    }
}
