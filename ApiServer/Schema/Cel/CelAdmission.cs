using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Schema.Cel;

/// <summary>The CEL step of a custom resource write, after the structural schema has defaulted, pruned and validated.</summary>
internal static class CelAdmission
{
    private static readonly string[] BlockingReasons = ["FieldValueNotSupported", "FieldValueRequired", "FieldValueTooLong", "FieldValueTooMany", "FieldValueTypeInvalid"];

    /// <summary>
    /// Runs the rules unless an earlier error means the object lacks the shape they were written for; then,
    /// as kube-apiserver's hasBlockingErr, one error says the rules were not checked.
    /// </summary>
    public static void Validate(ResourceType type, JsonObject obj, JsonObject? old, List<FieldError> errors, List<string> warnings)
    {
        if (type.Validations is not { } validator)
        {
            return;
        }

        if (errors.Any(e => BlockingReasons.Contains(e.Reason)))
        {
            errors.Add(FieldError.Invalid("<nil>", "\"null\"", "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"));
            return;
        }

        validator.Validate(obj, old, errors, warnings);
    }
}
