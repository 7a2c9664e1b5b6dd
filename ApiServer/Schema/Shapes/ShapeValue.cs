namespace Junction.ApiServer.Schema.Shapes;

/// <summary>What one value of a built-in field is in JSON.</summary>
internal enum ShapeValue
{
    /// <summary>A string.</summary>
    String,

    /// <summary>A 32-bit integer.</summary>
    Int32,

    /// <summary>A 64-bit integer.</summary>
    Int64,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary>A floating-point number.</summary>
    Number,

    /// <summary>Bytes, base64 in JSON.</summary>
    Bytes,

    /// <summary>An object of the type <see cref="ShapeField.TypeName"/> names.</summary>
    Object,

    /// <summary>intstr.IntOrString: a number or a string.</summary>
    IntOrString,

    /// <summary>resource.Quantity: "500m", "2Gi" or a number.</summary>
    Quantity,

    /// <summary>metav1.Time: RFC 3339 to the second.</summary>
    Time,

    /// <summary>metav1.MicroTime: RFC 3339 with microseconds.</summary>
    MicroTime,

    /// <summary>Embedded JSON of any shape (runtime.RawExtension, metav1.FieldsV1).</summary>
    Json,
}
