using System.Text;

namespace Junction.HAProxy;

/// <summary>Accumulates config sections: a header line, then indented directives, a blank line between sections.</summary>
internal sealed class ConfigText
{
    private readonly StringBuilder _text = new();

    public void Section(string header)
    {
        if (_text.Length > 0)
        {
            _text.Append('\n');
        }

        _text.Append(header).Append('\n');
    }

    public void Line(string directive) => _text.Append("    ").Append(directive).Append('\n');

    public void Comment(string text) => _text.Append("    # ").Append(text.Replace('\n', ' ').Replace('\r', ' ')).Append('\n');

    public override string ToString() => _text.ToString();
}
