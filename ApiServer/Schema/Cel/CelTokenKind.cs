namespace Junction.ApiServer.Schema.Cel;

/// <summary>The lexical classes of CEL's grammar.</summary>
internal enum CelTokenKind
{
    End,
    Identifier,
    Int,
    Uint,
    Double,
    String,
    Bytes,
    Punct,
}
