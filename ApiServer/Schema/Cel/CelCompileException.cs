namespace Junction.ApiServer.Schema.Cel;

/// <summary>A rule that does not parse or check, with cel-go's wording: <c>ERROR: &lt;input&gt;:1:6: message</c> and a caret line.</summary>
internal sealed class CelCompileException(string message, int offset) : Exception(message)
{
    /// <summary>Where in the source the problem was found (0-based).</summary>
    public int Offset { get; } = offset;

    /// <summary>The error as cel-go prints an issue: position, message, the source line and a caret under the column.</summary>
    public string Render(string source)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < Math.Min(Offset, source.Length); i++)
        {
            if (source[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var lineEnd = source.IndexOf('\n', lineStart);
        var text = lineEnd < 0 ? source[lineStart..] : source[lineStart..lineEnd];
        var column = Offset - lineStart;
        return $"ERROR: <input>:{line}:{column + 1}: {Message}\n | {text}\n | {new string('.', column)}^";
    }
}
