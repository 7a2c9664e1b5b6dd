namespace Junction.Validation.Regexes;

/// <summary>
/// A pattern .NET accepts that HAProxy's PCRE2 refuses, or reads differently: the message says
/// what and how to write it instead.
/// </summary>
internal sealed class RegexDialectException : Exception
{
    public RegexDialectException()
    {
    }

    public RegexDialectException(string message)
        : base(message)
    {
    }

    public RegexDialectException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
