namespace Junction.ApiServer.Model;

/// <summary>One field of a built-in message: its JSON name, protobuf field number and value kind.</summary>
/// <param name="JsonName">The JSON name; for an <paramref name="Inline"/> field, the Go field's name.</param>
/// <param name="Number">The protobuf field number.</param>
/// <param name="Kind">What one value is.</param>
/// <param name="Shape">Single, list or string-keyed map (of <paramref name="Kind"/> values).</param>
/// <param name="Presence">When the JSON form carries the field.</param>
/// <param name="Message">The full message name when <paramref name="Kind"/> is <see cref="FieldKind.Message"/>.</param>
/// <param name="Inline">The message's fields appear in the parent's JSON object (Go's json:",inline").</param>
/// <param name="Description">One line for documentation (kubectl explain), empty when none was written.</param>
internal sealed record FieldModel(
    string JsonName,
    int Number,
    FieldKind Kind,
    FieldShape Shape = FieldShape.Single,
    Presence Presence = Presence.OmitEmpty,
    string? Message = null,
    bool Inline = false,
    string Description = "");
