using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

namespace Junction.Validation.Rules;

/// <summary>
/// Enforces the DataAnnotations on an API type: [Required], [Range], [AllowedValues],
/// [StringLength], [MinLength]/[MaxLength] on lists, and no null list items.
/// [RegularExpression] is left to the specific rules, whose messages say what the pattern means.
/// </summary>
internal sealed class AttributeRules
{
    private static readonly ConcurrentDictionary<Type, AttributeRules> Cache = new();
    private readonly (PropertyInfo Property, string Name)[] _properties;

    private AttributeRules(Type type)
    {
        _properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .Select(p => (p, JsonNames.Of(p)))
            .ToArray();
    }

    public static AttributeRules For(Type type) => Cache.GetOrAdd(type, t => new AttributeRules(t));

    public void Apply<T>(T instance, Reporter<T> report)
    {
        if (instance is null)
        {
            return;
        }

        foreach (var (property, name) in _properties)
        {
            var value = property.GetValue(instance);
            if (property.GetCustomAttribute<RequiredAttribute>() is not null && IsMissing(value))
            {
                report.Error(name, "is required");
                continue;
            }

            CheckRange(property, name, value, report);
            CheckAllowed(property, name, value, report);
            CheckLength(property, name, value, report);
            if (value is IList list)
            {
                CheckList(property, name, list, report);
            }
        }
    }

    private static bool IsMissing(object? value) => value is null || value is string { Length: 0 };

    private static void CheckRange<T>(PropertyInfo property, string name, object? value, Reporter<T> report)
    {
        if (property.GetCustomAttribute<RangeAttribute>() is { } range && value is int number
            && (number < Convert.ToInt64(range.Minimum, CultureInfo.InvariantCulture) || number > Convert.ToInt64(range.Maximum, CultureInfo.InvariantCulture)))
        {
            report.Error(name, string.Create(CultureInfo.InvariantCulture, $"must be between {range.Minimum} and {range.Maximum}"));
        }
    }

    private static void CheckAllowed<T>(PropertyInfo property, string name, object? value, Reporter<T> report)
    {
        if (value is null || property.GetCustomAttribute<AllowedValuesAttribute>() is not { } allowed)
        {
            return;
        }

        if (!allowed.Values.Any(a => Equals(a, value)))
        {
            var shown = value is string s ? $"\"{s}\"" : Convert.ToString(value, CultureInfo.InvariantCulture);
            report.Error(name, $"unsupported value {shown}: must be one of {string.Join(", ", allowed.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))}");
        }
    }

    private static void CheckLength<T>(PropertyInfo property, string name, object? value, Reporter<T> report)
    {
        if (value is not string text || property.GetCustomAttribute<StringLengthAttribute>() is not { } length)
        {
            return;
        }

        if (text.Length > length.MaximumLength)
        {
            report.Error(name, string.Create(CultureInfo.InvariantCulture, $"must be at most {length.MaximumLength} characters"));
        }
        else if (text.Length < length.MinimumLength)
        {
            report.Error(name, string.Create(CultureInfo.InvariantCulture, $"must be at least {length.MinimumLength} characters"));
        }
    }

    private static void CheckList<T>(PropertyInfo property, string name, IList list, Reporter<T> report)
    {
        if (property.GetCustomAttribute<MinLengthAttribute>() is { } min && list.Count < min.Length)
        {
            report.Error(name, string.Create(CultureInfo.InvariantCulture, $"must have at least {min.Length} item{(min.Length == 1 ? "" : "s")}"));
        }

        if (property.GetCustomAttribute<MaxLengthAttribute>() is { } max && list.Count > max.Length)
        {
            report.Error(name, string.Create(CultureInfo.InvariantCulture, $"must have at most {max.Length} items"));
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is null)
            {
                report.Error(string.Create(CultureInfo.InvariantCulture, $"{name}[{i}]"), "must not be null");
            }
        }
    }
}
