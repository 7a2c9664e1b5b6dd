namespace Junction.ApiServer.Schema.Cel;

/// <summary>
/// A CEL error value. Errors are values, not exceptions, so that <c>&amp;&amp;</c>, <c>||</c> and the
/// comprehension macros can absorb them commutatively as the CEL spec requires.
/// </summary>
internal sealed class CelError(string message)
{
    public string Message { get; } = message;

    public static CelError NoSuchOverload { get; } = new("no such overload");

    public static CelError NoSuchKey(object key) => new($"no such key: {CelValues.Display(key)}");

    public override string ToString() => Message;
}
