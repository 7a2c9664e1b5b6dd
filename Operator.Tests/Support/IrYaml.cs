using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using Junction.Ir;

namespace Junction.Tests.Support;

/// <summary>
/// Writes IR records as readable, deterministic YAML for the ir.yaml golden files. Every record is
/// written field by field in the order of its primary constructor; a field the constructor does
/// not take (an init-only property with a backing field), a public field, or a value of a type
/// this writer does not know (a dictionary, whose order is not stable) is an error, so adding a
/// field to the IR can never drop it from the goldens unnoticed. Derived properties without a
/// backing field (<see cref="ProxyFragment.AllRoutes"/>, <see cref="EndpointDiscovery.IsSrv"/>)
/// are left out: they are functions of the fields.
/// Strings are always double-quoted, enums by name, durations as 5s / 1500ms / 5m / 1h, and an
/// value whose type differs from the declared one (a <see cref="RouteFilterRule"/>) carries a
/// local tag naming it (<c>- !HeaderChange</c>).
/// </summary>
internal static class IrYaml
{
    private const string Indent = "  ";

    /// <summary>The fragments as YAML documents, each starting with "---", in the order given.</summary>
    public static string Serialize(IEnumerable<ProxyFragment> fragments)
    {
        var text = new StringBuilder();
        foreach (var fragment in fragments)
        {
            text.Append("---\n");
            foreach (var line in Mapping(fragment, typeof(ProxyFragment)))
            {
                text.Append(line).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>One record as a YAML mapping, without a document marker.</summary>
    public static string Serialize(object record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return string.Concat(Mapping(record, record.GetType()).Select(l => l + "\n"));
    }

    private static List<string> Mapping(object record, Type declared)
    {
        var type = record.GetType();
        var lines = new List<string>();
        // A local tag names the concrete type; a key could clash with a field (HashKey.Kind).
        var tag = type == declared ? null : "!" + type.Name;
        if (tag is not null)
        {
            lines.Add(tag);
        }

        foreach (var (name, fieldType, value) in Fields(record))
        {
            var key = char.ToLowerInvariant(name[0]) + name[1..] + ":";
            if (Scalar(value, fieldType) is { } scalar)
            {
                lines.Add(key + " " + scalar);
                continue;
            }

            var block = Block(value!, fieldType);
            if (block.Count == 0)
            {
                lines.Add(key + (IsList(fieldType) ? " []" : " {}"));
                continue;
            }

            if (block[0].StartsWith('!'))
            {
                lines.Add(key + " " + block[0]);
                lines.AddRange(block.Skip(1).Select(l => Indent + l));
                continue;
            }

            lines.Add(key);
            lines.AddRange(block.Select(l => Indent + l));
        }

        return tag is not null && lines.Count == 1 ? [tag + " {}"] : lines;
    }

    // A list as "- item" lines; a mapping item starts on the dash line and continues under it.
    private static List<string> Block(object value, Type declared)
    {
        if (!IsList(declared))
        {
            return Mapping(value, declared);
        }

        var element = declared.GetGenericArguments()[0];
        var lines = new List<string>();
        foreach (var item in (IEnumerable)value)
        {
            if (Scalar(item, element) is { } scalar)
            {
                lines.Add("- " + scalar);
                continue;
            }

            var inner = Block(item!, element);
            if (inner.Count == 0)
            {
                lines.Add(IsList(element) ? "- []" : "- {}");
                continue;
            }

            lines.Add("- " + inner[0]);
            lines.AddRange(inner.Skip(1).Select(l => Indent + l));
        }

        return lines;
    }

    // The text of a scalar, or null when the value is a record or a list.
    private static string? Scalar(object? value, Type declared)
    {
        switch (value)
        {
            case null:
                return "null";
            case string s:
                return Quote(s);
            case bool b:
                return b ? "true" : "false";
            case int or long:
                return Convert.ToString(value, CultureInfo.InvariantCulture);
            case Enum e:
                return e.ToString();
            case TimeSpan t:
                return Duration(t);
        }

        var type = value.GetType();
        if (IsList(type) || IsRecord(type))
        {
            return null;
        }

        throw new NotSupportedException($"IrYaml cannot write a {type} (declared {declared}); teach it the type so that the goldens show the value");
    }

    private static IEnumerable<(string Name, Type Type, object? Value)> Fields(object record)
    {
        var type = record.GetType();
        var constructor = PrimaryConstructor(type);
        var parameters = constructor.GetParameters().OrderBy(p => p.Position).ToList();
        var names = parameters.Select(p => p.Name!).ToHashSet(StringComparer.Ordinal);
        const BindingFlags instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var stored = type.GetProperties(instance)
            .Where(p => p.Name != "EqualityContract" && type.GetField($"<{p.Name}>k__BackingField", instance) is not null)
            .Select(p => p.Name)
            .Where(n => !names.Contains(n))
            .ToList();
        if (stored.Count > 0 || type.GetFields(BindingFlags.Instance | BindingFlags.Public).Length > 0)
        {
            throw new NotSupportedException($"{type.Name} stores {string.Join(", ", stored.DefaultIfEmpty("a public field"))} outside its primary constructor; IrYaml writes constructor fields only, so it would be left out");
        }

        foreach (var parameter in parameters)
        {
            var property = type.GetProperty(parameter.Name!, BindingFlags.Instance | BindingFlags.Public)
                ?? throw new NotSupportedException($"{type.Name} has no property for its constructor parameter {parameter.Name}");
            yield return (parameter.Name!, parameter.ParameterType, property.GetValue(record));
        }
    }

    // A positional record's primary constructor: the public one with the most parameters (the
    // copy constructor is protected).
    private static ConstructorInfo PrimaryConstructor(Type type) =>
        type.GetConstructors(BindingFlags.Instance | BindingFlags.Public)
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault()
        ?? throw new NotSupportedException($"{type.Name} has no public constructor");

    private static bool IsList(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>);

    private static bool IsRecord(Type type) =>
        type.IsClass && type.GetProperty("EqualityContract", BindingFlags.Instance | BindingFlags.NonPublic) is not null;

    private static string Duration(TimeSpan t)
    {
        if (t.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            return t.ToString("c", CultureInfo.InvariantCulture);
        }

        var ms = (long)t.TotalMilliseconds;
        return ms switch
        {
            0 => "0s",
            _ when ms % 3_600_000 == 0 => (ms / 3_600_000).ToString(CultureInfo.InvariantCulture) + "h",
            _ when ms % 60_000 == 0 => (ms / 60_000).ToString(CultureInfo.InvariantCulture) + "m",
            _ when ms % 1000 == 0 => (ms / 1000).ToString(CultureInfo.InvariantCulture) + "s",
            _ => ms.ToString(CultureInfo.InvariantCulture) + "ms",
        };
    }

    // YAML double-quoted style: backslash escapes for quote, backslash, every control character and
    // the Unicode line breaks.
    private static string Quote(string s)
    {
        var text = new StringBuilder("\"");
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case < ' ' or (>= '\u007f' and <= '\u009f'):
                    text.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    break;
                case '\u2028' or '\u2029':
                    // YAML line breaks, which a parser would fold inside a quoted scalar.
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        return text.Append('"').ToString();
    }
}
