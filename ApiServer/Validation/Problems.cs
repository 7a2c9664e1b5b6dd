using System.Globalization;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Validation;

/// <summary>
/// Field errors worded as k8s.io/apimachinery's field package words them: "Required value: detail",
/// "Invalid value: &lt;value&gt;: detail", "Forbidden: detail", "Duplicate value: &lt;value&gt;", "Too long: ...".
/// </summary>
internal static class Problems
{
    public static FieldError Required(string field, string detail = "") =>
        new(field, "FieldValueRequired", detail.Length == 0 ? "Required value" : $"Required value: {detail}");

    /// <summary>An invalid string value, quoted as Go's %q.</summary>
    public static FieldError Invalid(string field, string value, string detail) =>
        FieldError.Invalid(field, GoText.Quote(value), detail);

    /// <summary>An invalid integer value, printed bare.</summary>
    public static FieldError Invalid(string field, long value, string detail) =>
        FieldError.Invalid(field, value.ToString(CultureInfo.InvariantCulture), detail);

    /// <summary>An invalid value already printed as Go would print it (%#v of a struct or map).</summary>
    public static FieldError InvalidPrinted(string field, string printed, string detail) =>
        FieldError.Invalid(field, printed, detail);

    public static FieldError NotSupported(string field, string value, IEnumerable<string> supported) =>
        FieldError.NotSupported(field, GoText.Quote(value), supported);

    public static FieldError Forbidden(string field, string detail) =>
        new(field, "FieldValueForbidden", $"Forbidden: {detail}");

    public static FieldError Duplicate(string field, string value) =>
        new(field, "FieldValueDuplicate", $"Duplicate value: {GoText.Quote(value)}");

    public static FieldError DuplicatePrinted(string field, string printed) =>
        new(field, "FieldValueDuplicate", $"Duplicate value: {printed}");

    // field.TooLong as of Kubernetes 1.32 (the version this server reports); before it said "must have at most".
    public static FieldError TooLong(string field, int maxBytes) =>
        new(field, "FieldValueTooLong", $"Too long: may not be more than {maxBytes.ToString(CultureInfo.InvariantCulture)} {(maxBytes == 1 ? "byte" : "bytes")}");

    /// <summary>kube-apiserver's ValidateNonnegativeField.</summary>
    public static IEnumerable<FieldError> NonNegative(string field, long? value) =>
        value is < 0 ? [Invalid(field, value.Value, Formats.NegativeText)] : [];

    /// <summary>kube-apiserver's ValidateImmutableField for a string.</summary>
    public static IEnumerable<FieldError> Immutable(string field, string? value, string? old) =>
        old is not null && value != old ? [Invalid(field, value ?? string.Empty, Formats.ImmutableText)] : [];
}
