using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>A route filter: exactly the field named by its type is set.</summary>
internal sealed class RouteFilterValidator : JsonValidator<RouteFilter>
{
    public RouteFilterValidator()
    {
        Field(f => f.RequestHeaderModifier).SetValidator(new HeaderModifierValidator()!);
        Field(f => f.ResponseHeaderModifier).SetValidator(new HeaderModifierValidator()!);
        Field(f => f.UrlRewrite).SetValidator(new UrlRewriteValidator()!);
        Field(f => f.RequestRedirect).SetValidator(new RequestRedirectValidator()!);
        Field(f => f.FaultInjection).SetValidator(new FaultInjectionValidator()!);
        Field(f => f.RequestMirror).SetValidator(new RequestMirrorValidator()!);
        Check(CheckTypeMatchesField);
    }

    private static void CheckTypeMatchesField(RouteFilter filter, Reporter<RouteFilter> report)
    {
        (string Type, string Field, object? Value)[] fields =
        [
            (FilterTypes.RequestHeaderModifier, "requestHeaderModifier", filter.RequestHeaderModifier),
            (FilterTypes.ResponseHeaderModifier, "responseHeaderModifier", filter.ResponseHeaderModifier),
            (FilterTypes.UrlRewrite, "urlRewrite", filter.UrlRewrite),
            (FilterTypes.RequestRedirect, "requestRedirect", filter.RequestRedirect),
            (FilterTypes.FaultInjection, "faultInjection", filter.FaultInjection),
            (FilterTypes.RequestMirror, "requestMirror", filter.RequestMirror),
        ];
        if (!fields.Any(f => f.Type == filter.Type))
        {
            return; // an unknown or missing type is reported by the attribute rules
        }

        foreach (var (type, field, value) in fields)
        {
            if (type == filter.Type && value is null)
            {
                report.Error(field, $"is required when type is {type}");
            }
            else if (type != filter.Type && value is not null)
            {
                report.Error(field, $"must not be set when type is {filter.Type}");
            }
        }
    }
}
