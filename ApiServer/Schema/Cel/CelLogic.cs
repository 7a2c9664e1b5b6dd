namespace Junction.ApiServer.Schema.Cel;

/// <summary>
/// CEL's commutative logic over a sequence of results, shared by <c>||</c>/<c>&amp;&amp;</c> and the
/// all/exists macros: the first deciding boolean wins even after an error (<c>error || true</c> is true),
/// otherwise the first error (a non-boolean counts as no-such-overload), otherwise the other boolean.
/// The results are evaluated lazily, so nothing after the deciding one runs.
/// </summary>
internal static class CelLogic
{
    public static object? Fold(IEnumerable<object?> results, bool decisive)
    {
        CelError? error = null;
        foreach (var result in results)
        {
            switch (result)
            {
                case bool b when b == decisive:
                    return decisive;
                case bool:
                    break;
                case CelError e:
                    error ??= e;
                    break;
                default:
                    error ??= CelError.NoSuchOverload;
                    break;
            }
        }

        return error is null ? !decisive : error;
    }
}
