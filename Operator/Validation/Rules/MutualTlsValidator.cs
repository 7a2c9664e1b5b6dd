using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>spec.mtls: the mode is checked from its attribute; the sidecar that enforces it comes later.</summary>
internal sealed class MutualTlsValidator : JsonValidator<MutualTls>;
