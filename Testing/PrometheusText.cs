using Xunit;
using System.Globalization;
using System.Text;

namespace Junction.Testing;

/// <summary>A strict parser of the Prometheus text format, to read exposition output back.</summary>
public sealed class PrometheusText
{
    public Dictionary<string, string> Types { get; } = [];

    public Dictionary<string, string> Help { get; } = [];

    public List<(string Name, Dictionary<string, string> Labels, double Value)> Samples { get; } = [];

    public static PrometheusText Parse(string text)
    {
        Assert.EndsWith("\n", text);
        var result = new PrometheusText();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                var rest = line[7..];
                var space = rest.IndexOf(' ', StringComparison.Ordinal);
                result.Help[rest[..space]] = rest[(space + 1)..].Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
            }
            else if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line[7..].Split(' ');
                Assert.Equal(2, parts.Length);
                Assert.Contains(parts[1], new[] { "counter", "gauge", "histogram", "summary", "untyped" });
                result.Types[parts[0]] = parts[1];
            }
            else
            {
                result.Samples.Add(ParseSample(line));
            }
        }
        return result;
    }

    public double Value(string name, params (string Label, string Value)[] labels) =>
        Samples.Single(s => s.Name == name && s.Labels.Count == labels.Length && labels.All(l => s.Labels.GetValueOrDefault(l.Label) == l.Value)).Value;

    private static (string, Dictionary<string, string>, double) ParseSample(string line)
    {
        var labels = new Dictionary<string, string>();
        var i = 0;
        while (i < line.Length && line[i] != '{' && line[i] != ' ')
        {
            i++;
        }
        var name = line[..i];
        if (line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var eq = line.IndexOf('=', i);
                var label = line[i..eq];
                Assert.Equal('"', line[eq + 1]);
                i = eq + 2;
                var value = new StringBuilder();
                while (line[i] != '"')
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(line[i] switch
                        {
                            'n' => '\n',
                            '\\' => '\\',
                            '"' => '"',
                            _ => throw new FormatException($"Bad escape \\{line[i]} in {line}"),
                        });
                    }
                    else
                    {
                        Assert.NotEqual('\n', line[i]);
                        value.Append(line[i]);
                    }
                    i++;
                }
                labels[label] = value.ToString();
                i++;
                if (line[i] == ',')
                {
                    i++;
                }
            }
            i++;
        }
        Assert.Equal(' ', line[i]);
        var text = line[(i + 1)..];
        var number = text switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return (name, labels, number);
    }
}
