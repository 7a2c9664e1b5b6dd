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
    private readonly Facts[] _properties;

    private AttributeRules(Type type)
    {
        // Reading attributes is slow; read them once per type.
        _properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .Select(p => new Facts(
                p,
                JsonNames.Of(p),
                p.GetCustomAttribute<RequiredAttribute>() is not null,
                p.GetCustomAttribute<RangeAttribute>(),
                p.GetCustomAttribute<AllowedValuesAttribute>(),
                p.GetCustomAttribute<StringLengthAttribute>(),
                p.GetCustomAttribute<MinLengthAttribute>(),
                p.GetCustomAttribute<MaxLengthAttribute>()))
            .ToArray();
    }

    public static AttributeRules For(Type type) => Cache.GetOrAdd(type, t => new AttributeRules(t));

    public void Apply<T>(T instance, Reporter<T> report)
    {
        if (instance is null)
        {
            return;
        }

        foreach (var facts in _properties)
        {
            var value = facts.Property.GetValue(instance);
            if (facts.Required && IsMissing(value))
            {
                report.Error(facts.Name, "is required");
                continue;
            }

            CheckRange(facts, value, report);
            CheckAllowed(facts, value, report);
            CheckLength(facts, value, report);
            if (value is IList list)
            {
                CheckList(facts, list, report);
            }
        }
    }

    private static bool IsMissing(object? value) => value is null || value is string { Length: 0 };

    private static void CheckRange<T>(Facts facts, object? value, Reporter<T> report)
    {
        if (facts.Range is { } range && value is int number
            && (number < Convert.ToInt64(range.Minimum, CultureInfo.InvariantCulture) || number > Convert.ToInt64(range.Maximum, CultureInfo.InvariantCulture)))
        {
            report.Error(facts.Name, string.Create(CultureInfo.InvariantCulture, $"must be between {range.Minimum} and {range.Maximum}"));
        }
    }

    private static void CheckAllowed<T>(Facts facts, object? value, Reporter<T> report)
    {
        if (value is null || facts.Allowed is not { } allowed)
        {
            return;
        }

        if (!allowed.Values.Any(a => Equals(a, value)))
        {
            var shown = value is string s ? $"\"{s}\"" : Convert.ToString(value, CultureInfo.InvariantCulture);
            report.Error(facts.Name, $"unsupported value {shown}: must be one of {string.Join(", ", allowed.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))}");
        }
    }

    private static void CheckLength<T>(Facts facts, object? value, Reporter<T> report)
    {
        if (value is not string text || facts.Length is not { } length)
        {
            return;
        }

        if (text.Length > length.MaximumLength)
        {
            report.Error(facts.Name, string.Create(CultureInfo.InvariantCulture, $"must be at most {length.MaximumLength} characters"));
        }
        else if (text.Length < length.MinimumLength)
        {
            report.Error(facts.Name, string.Create(CultureInfo.InvariantCulture, $"must be at least {length.MinimumLength} characters"));
        }
    }

    private static void CheckList<T>(Facts facts, IList list, Reporter<T> report)
    {
        if (facts.MinItems is { } min && list.Count < min.Length)
        {
            report.Error(facts.Name, string.Create(CultureInfo.InvariantCulture, $"must have at least {min.Length} item{(min.Length == 1 ? "" : "s")}"));
        }

        if (facts.MaxItems is { } max && list.Count > max.Length)
        {
            report.Error(facts.Name, string.Create(CultureInfo.InvariantCulture, $"must have at most {max.Length} items"));
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is null)
            {
                report.Error(string.Create(CultureInfo.InvariantCulture, $"{facts.Name}[{i}]"), "must not be null");
            }
        }
    }

    private sealed record Facts(
        PropertyInfo Property,
        string Name,
        bool Required,
        RangeAttribute? Range,
        AllowedValuesAttribute? Allowed,
        StringLengthAttribute? Length,
        MinLengthAttribute? MinItems,
        MaxLengthAttribute? MaxItems);
}
