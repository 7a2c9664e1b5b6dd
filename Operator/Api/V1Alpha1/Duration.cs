namespace Junction.Api.V1Alpha1;

/// <summary>The shape of duration strings in the API.</summary>
public static class Duration
{
    /// <summary>One or more number+unit pairs, units ms, s, m, h (e.g. 1m30s, 250ms).</summary>
    public const string Pattern = "^([0-9]{1,6}(\\.[0-9]{1,3})?(ms|s|m|h))+$";
}
