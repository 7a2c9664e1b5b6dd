namespace Junction.Agent.HAProxy;

/// <summary>One line of a map: the key (first word) and the value (the rest of the line).</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The value, possibly empty.</param>
internal sealed record MapEntry(string Key, string Value)
{
    /// <summary>The entries of a map file, in order (blank lines and <c>#</c> comments skipped), as HAProxy reads them.</summary>
    public static IReadOnlyList<MapEntry> ParseFile(string content)
    {
        var entries = new List<MapEntry>();
        foreach (var raw in content.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            entries.Add(Split(line));
        }

        return entries;
    }

    /// <summary>The entries of <c>show map &lt;map&gt;</c> (<c>0x55.. key value</c> per line).</summary>
    public static IReadOnlyList<MapEntry> ParseShowMap(string answer)
    {
        var entries = new List<MapEntry>();
        foreach (var raw in answer.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith("0x", StringComparison.Ordinal))
            {
                continue;
            }

            var space = line.IndexOfAny([' ', '\t']);
            if (space > 0)
            {
                entries.Add(Split(line[(space + 1)..].TrimStart()));
            }
        }

        return entries;
    }

    private static MapEntry Split(string line)
    {
        var space = line.IndexOfAny([' ', '\t']);
        return space < 0 ? new MapEntry(line, "") : new MapEntry(line[..space], line[(space + 1)..].Trim());
    }
}
