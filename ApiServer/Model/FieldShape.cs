namespace Junction.ApiServer.Model;

/// <summary>How many values a field holds.</summary>
internal enum FieldShape
{
    /// <summary>One value.</summary>
    Single,

    /// <summary>A repeated field: a JSON array.</summary>
    List,

    /// <summary>A map with string keys (wire entries {1: key, 2: value}): a JSON object.</summary>
    Map,
}
