using System.Globalization;
using Junction.Manifests;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Junction.Crds;

/// <summary>Builds ordered YAML nodes; strings that would read back as numbers, booleans or null are quoted.</summary>
internal static class YamlNodes
{
    /// <summary>A mapping of the given entries in order; null values are left out.</summary>
    public static YamlMappingNode Map(params (string Key, YamlNode? Value)[] entries)
    {
        var map = new YamlMappingNode();
        foreach (var (key, value) in entries)
        {
            if (value is not null)
            {
                map.Add(Str(key), value);
            }
        }

        return map;
    }

    public static YamlSequenceNode Seq(IEnumerable<YamlNode> items) => new(items);

    public static YamlSequenceNode Strings(IEnumerable<string> items) => new(items.Select(Str));

    public static YamlScalarNode Str(string value)
    {
        var node = new YamlScalarNode(value);
        var plain = YamlScalars.Resolve(new YamlScalarNode(value) { Style = ScalarStyle.Plain });
        if (plain is null || YamlScalars.KindOf(plain) != "string")
        {
            node.Style = ScalarStyle.DoubleQuoted;
        }

        return node;
    }

    public static YamlScalarNode Int(long value) => new(value.ToString(CultureInfo.InvariantCulture)) { Style = ScalarStyle.Plain };

    public static YamlScalarNode Bool(bool value) => new(value ? "true" : "false") { Style = ScalarStyle.Plain };

    /// <summary>Canonical text: block style, no anchors, no document markers.</summary>
    public static string Write(YamlNode root)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        var text = writer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }
}
