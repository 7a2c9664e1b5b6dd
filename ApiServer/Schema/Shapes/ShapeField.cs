namespace Junction.ApiServer.Schema.Shapes;

/// <summary>One JSON member of a built-in type.</summary>
/// <param name="JsonName">The JSON name.</param>
/// <param name="Value">What one value is.</param>
/// <param name="Repeat">One value, a list of them, or a string-keyed map of them.</param>
/// <param name="TypeName">The full type name when <paramref name="Value"/> is <see cref="ShapeValue.Object"/>.</param>
/// <param name="Description">What kubectl explain prints for the field.</param>
/// <param name="Required">The API requires the field (OpenAPI's required list; kubectl explain's -required-).</param>
internal sealed record ShapeField(
    string JsonName,
    ShapeValue Value,
    ShapeRepeat Repeat = ShapeRepeat.Single,
    string? TypeName = null,
    string Description = "",
    bool Required = false);
