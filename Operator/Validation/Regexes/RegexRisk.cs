namespace Junction.Validation.Regexes;

/// <summary>A part of a pattern that can make matching take polynomial or exponential time, and why.</summary>
internal sealed record RegexRisk(int Start, int End, string Why);
