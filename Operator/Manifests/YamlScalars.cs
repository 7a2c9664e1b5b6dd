using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Junction.Manifests;

/// <summary>
/// Resolves plain YAML scalars the way kubectl does (YAML 1.1, as sigs.k8s.io/yaml): null, booleans
/// (true/false, yes/no, on/off, y/n), integers (decimal, 0x hex, 0o/leading-0 octal) and floats.
/// Quoted scalars and scalars tagged !!str are always strings.
/// </summary>
internal static class YamlScalars
{
    private static readonly string[] Nulls = ["", "~", "null", "Null", "NULL"];
    private static readonly string[] Trues = ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"];
    private static readonly string[] Falses = ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"];

    public static bool IsPlain(YamlScalarNode node) =>
        node.Style is ScalarStyle.Plain or ScalarStyle.Any && node.Tag.IsEmpty;

    /// <summary>The JSON value kubectl would produce for the scalar.</summary>
    public static JsonNode? Resolve(YamlScalarNode node)
    {
        var text = node.Value ?? "";
        if (!IsPlain(node))
        {
            return JsonValue.Create(text);
        }

        if (Nulls.Contains(text))
        {
            return null;
        }

        if (Trues.Contains(text))
        {
            return JsonValue.Create(true);
        }

        if (Falses.Contains(text))
        {
            return JsonValue.Create(false);
        }

        if (TryInteger(text, out var integer))
        {
            return JsonValue.Create(integer);
        }

        return TryFloat(text, out var number) ? JsonValue.Create(number) : JsonValue.Create(text);
    }

    /// <summary>"boolean", "integer", "number", "null" or "string": what the scalar resolves to, for messages.</summary>
    public static string KindOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<bool>(out _) => "boolean",
        JsonValue v when v.TryGetValue<long>(out _) => "integer",
        JsonValue v when v.TryGetValue<double>(out _) => "number",
        _ => "string",
    };

    private static bool TryInteger(string text, out long value)
    {
        var t = text.Replace("_", "", StringComparison.Ordinal);
        var negative = t.StartsWith('-');
        var digits = t.TrimStart('+', '-');
        value = 0;
        if (digits.Length == 0 || t.Length - digits.Length > 1)
        {
            return false;
        }

        bool ok;
        if (digits.StartsWith("0x", StringComparison.Ordinal))
        {
            ok = long.TryParse(digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }
        else if (digits.StartsWith("0o", StringComparison.Ordinal) || (digits.Length > 1 && digits[0] == '0' && digits.All(c => c is >= '0' and <= '7')))
        {
            ok = TryOctal(digits.StartsWith("0o", StringComparison.Ordinal) ? digits[2..] : digits[1..], out value);
        }
        else
        {
            ok = digits.All(char.IsAsciiDigit) && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        value = negative ? -value : value;
        return ok;
    }

    private static bool TryOctal(string digits, out long value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (c is < '0' or > '7' || value > long.MaxValue / 8)
            {
                return false;
            }

            value = (value * 8) + (c - '0');
        }

        return digits.Length > 0;
    }

    private static bool TryFloat(string text, out double value)
    {
        value = 0;
        if (text is ".inf" or ".Inf" or ".INF" or "-.inf" or ".nan" or ".NaN" or ".NAN")
        {
            return false; // JSON has no infinities or NaN; keep the text
        }

        var hasDigit = text.Any(char.IsAsciiDigit);
        return hasDigit && text.All(c => char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-')
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
