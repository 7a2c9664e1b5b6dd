using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>A path replacement: the field named by type is set and is a path.</summary>
internal sealed class PathModifierValidator : JsonValidator<PathModifier>
{
    public PathModifierValidator()
    {
        Check((modifier, report) =>
        {
            var (wanted, other, wantedValue, otherValue) = modifier.Type switch
            {
                "ReplaceFullPath" => ("replaceFullPath", "replacePrefixMatch", modifier.ReplaceFullPath, modifier.ReplacePrefixMatch),
                "ReplacePrefixMatch" => ("replacePrefixMatch", "replaceFullPath", modifier.ReplacePrefixMatch, modifier.ReplaceFullPath),
                _ => (null, null, null, null),
            };
            if (wanted is null)
            {
                return; // unknown type: reported by the attribute rules
            }

            if (wantedValue is null)
            {
                report.Error(wanted, $"is required when type is {modifier.Type}");
            }
            else if (Syntax.PathProblem(wantedValue) is { } problem)
            {
                report.Error(wanted, problem);
            }

            if (otherValue is not null)
            {
                report.Error(other!, $"must not be set when type is {modifier.Type}");
            }
        });
    }
}
