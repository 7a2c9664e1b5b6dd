namespace Junction.ApiServer.Store;

/// <summary>One validation failure: the field path, a reason (FieldValueRequired, FieldValueInvalid, ...) and the text.</summary>
internal sealed record FieldError(string Field, string Reason, string Message)
{
    public override string ToString() => $"{Field}: {Message}";

    public static FieldError Required(string field) => new(field, "FieldValueRequired", "Required value");

    public static FieldError Invalid(string field, string valueText, string detail) =>
        new(field, "FieldValueInvalid", $"Invalid value: {valueText}: {detail}");

    public static FieldError NotSupported(string field, string valueText, IEnumerable<string> allowed) =>
        new(field, "FieldValueNotSupported", $"Unsupported value: {valueText}: supported values: {string.Join(", ", allowed.Select(a => $"\"{a}\""))}");

    public static FieldError TypeInvalid(string field, string valueText, string detail) =>
        new(field, "FieldValueTypeInvalid", $"Invalid value: {valueText}: {detail}");

    public static FieldError TooMany(string field, int count, long max) =>
        new(field, "FieldValueTooMany", $"Too many: {count}: must have at most {max} items");
}
