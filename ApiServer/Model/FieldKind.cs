namespace Junction.ApiServer.Model;

/// <summary>What one value of a built-in field is, on the wire and in JSON.</summary>
internal enum FieldKind
{
    /// <summary>A UTF-8 string (length-delimited on the wire).</summary>
    String,

    /// <summary>A 32-bit integer (varint); a JSON number.</summary>
    Int32,

    /// <summary>A 64-bit integer (varint); a JSON number.</summary>
    Int64,

    /// <summary>A boolean (varint).</summary>
    Bool,

    /// <summary>Raw bytes (length-delimited); base64 in JSON.</summary>
    Bytes,

    /// <summary>A nested message named by <see cref="FieldModel.Message"/>; a JSON object.</summary>
    Message,

    /// <summary>intstr.IntOrString {1: type, 2: intVal, 3: strVal}; a JSON number or string.</summary>
    IntOrString,

    /// <summary>resource.Quantity {1: string}; its canonical string in JSON.</summary>
    Quantity,

    /// <summary>metav1.Time {1: seconds, 2: nanos}; RFC 3339 to the second in JSON, null when zero.</summary>
    Time,

    /// <summary>metav1.MicroTime {1: seconds, 2: nanos}; RFC 3339 with microseconds in JSON.</summary>
    MicroTime,

    /// <summary>runtime.RawExtension or metav1.FieldsV1 {1: raw}: embedded JSON, kept as it is.</summary>
    RawJson,
}
