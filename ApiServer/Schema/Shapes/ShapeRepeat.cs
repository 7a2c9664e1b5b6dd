namespace Junction.ApiServer.Schema.Shapes;

/// <summary>How many values a built-in field holds.</summary>
internal enum ShapeRepeat
{
    /// <summary>One value.</summary>
    Single,

    /// <summary>A JSON array of values.</summary>
    List,

    /// <summary>A JSON object with string keys and values of the field's kind.</summary>
    Map,
}
