namespace Junction.ApiServer.Schema.Cel;

/// <summary>One lexeme: its class, its text (operators, identifiers) or decoded value (literals), and its offset in the source.</summary>
internal readonly record struct CelToken(CelTokenKind Kind, string Text, object? Value, int Offset)
{
    public bool Is(string punct) => Kind == CelTokenKind.Punct && Text == punct;
}
