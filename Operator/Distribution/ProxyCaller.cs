namespace Junction.Distribution;

/// <summary>Who a reviewed token belongs to.</summary>
/// <param name="Username">The user name the API server reported, e.g. <c>system:serviceaccount:shop:checkout</c>.</param>
/// <param name="Namespace">The ServiceAccount's namespace, or null when the user is not a ServiceAccount.</param>
/// <param name="ServiceAccount">The ServiceAccount's name, or null when the user is not a ServiceAccount.</param>
/// <param name="PodName">The pod a bound token was issued for, or null.</param>
internal sealed record ProxyCaller(string Username, string? Namespace, string? ServiceAccount, string? PodName)
{
    private const string ServiceAccountPrefix = "system:serviceaccount:";

    /// <summary>The caller of a user name, with the ServiceAccount parsed when it names one.</summary>
    public static ProxyCaller From(string username, string? podName)
    {
        ArgumentNullException.ThrowIfNull(username);
        if (username.StartsWith(ServiceAccountPrefix, StringComparison.Ordinal)
            && username[ServiceAccountPrefix.Length..].Split(':') is [{ Length: > 0 } ns, { Length: > 0 } sa])
        {
            return new ProxyCaller(username, ns, sa, string.IsNullOrEmpty(podName) ? null : podName);
        }

        return new ProxyCaller(username, null, null, null);
    }
}
