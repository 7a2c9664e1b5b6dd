using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>An abort: the status (200-599) and percentage (0-100) ranges come from the attributes.</summary>
internal sealed class FaultAbortValidator : JsonValidator<FaultAbort>;
