namespace Junction.ApiServer.Tokens;

/// <summary>
/// The text of apimachinery's errors.NewAggregate: one distinct message alone, several as "[a, b]" in first-seen
/// order, duplicates dropped; null when there is none.
/// </summary>
internal static class ErrorAggregate
{
    public static string? Text(IEnumerable<string> errors)
    {
        var distinct = errors.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count switch
        {
            0 => null,
            1 => distinct[0],
            _ => "[" + string.Join(", ", distinct) + "]",
        };
    }
}
