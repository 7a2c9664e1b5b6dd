using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>Header set/add/remove lists of a filter.</summary>
internal sealed class HeaderModifierValidator : JsonValidator<HeaderModifier>
{
    public HeaderModifierValidator()
    {
        Each(m => m.Set).SetValidator(new HttpHeaderValidator());
        Each(m => m.Add).SetValidator(new HttpHeaderValidator());
        Check((modifier, report) =>
        {
            if ((modifier.Set?.Count ?? 0) + (modifier.Add?.Count ?? 0) + (modifier.Remove?.Count ?? 0) == 0)
            {
                report.Error("", "must set, add or remove at least one header");
            }

            var changed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var h in (modifier.Set ?? []).Concat(modifier.Add ?? []))
            {
                if (h is not null)
                {
                    changed.Add(h.Name);
                }
            }

            for (var i = 0; i < (modifier.Remove?.Count ?? 0); i++)
            {
                var name = modifier.Remove![i];
                if (name is not null && !Syntax.IsHttpToken(name))
                {
                    report.Error($"remove[{i}]", $"\"{name}\" {Syntax.TokenMessage}");
                }
                else if (name is not null && changed.Contains(name))
                {
                    report.Error($"remove[{i}]", $"\"{name}\" is also set or added; removing it as well is contradictory");
                }
            }
        });
    }
}
