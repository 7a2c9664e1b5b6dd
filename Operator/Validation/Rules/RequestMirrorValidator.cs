using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>A mirror: the Service that receives copies (resolved like every backend at reconcile time).</summary>
internal sealed class RequestMirrorValidator : JsonValidator<RequestMirror>
{
    public RequestMirrorValidator()
    {
        Field(m => m.BackendRef).SetValidator(new ServiceReferenceValidator());
    }
}
