using FluentValidation;
using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>The whole resource: type identity, metadata and spec. Status is written by the operator and not checked.</summary>
internal sealed class TrafficPolicyValidator : JsonValidator<TrafficPolicy>
{
    public TrafficPolicyValidator()
    {
        Field(p => p.ApiVersion).Equal(TrafficPolicy.ApiVersionString)
            .WithMessage(p => $"must be {TrafficPolicy.ApiVersionString}, got \"{p.ApiVersion}\"");
        Field(p => p.Kind).Equal(TrafficPolicy.KindName)
            .WithMessage(p => $"must be {TrafficPolicy.KindName}, got \"{p.Kind}\"");
        Field(p => p.Metadata).NotNull().WithMessage("is required").SetValidator(new ObjectMetaValidator());
        Field(p => p.Spec).NotNull().WithMessage("is required").SetValidator(new TrafficPolicySpecValidator());
    }
}
