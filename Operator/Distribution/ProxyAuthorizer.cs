namespace Junction.Distribution;

/// <summary>
/// Who may fetch what (agent-contract): gateway <c>&lt;ns&gt;/&lt;name&gt;</c> only with the ServiceAccount
/// of that gateway Deployment's pods, sidecar <c>&lt;ns&gt;/&lt;sa&gt;</c> only with ServiceAccount
/// <c>&lt;ns&gt;/&lt;sa&gt;</c> itself, and a bound token only for its own pod.
/// </summary>
internal sealed class ProxyAuthorizer(IDistributionView view)
{
    /// <summary>Null when <paramref name="caller"/> may act for <paramref name="proxy"/>, else what was refused and why.</summary>
    public string? Refusal(ProxyCaller caller, ProxyKey proxy)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(proxy);
        var target = ProxyAddress.Format(proxy);
        if (caller.Namespace is null || caller.ServiceAccount is null)
        {
            return $"{target}: user \"{caller.Username}\" is not a ServiceAccount; proxies authenticate with their pod's ServiceAccount token";
        }

        var who = $"ServiceAccount {caller.Namespace}/{caller.ServiceAccount}";
        if (caller.Namespace != proxy.Namespace)
        {
            return $"{target}: {who} is of another namespace than the proxy";
        }

        if (proxy.Kind == ProxyKind.Sidecar)
        {
            return proxy.Name == caller.ServiceAccount ? null : $"{target}: {who} may fetch only sidecar/{caller.Namespace}/{caller.ServiceAccount}";
        }

        var account = view.GatewayServiceAccount(proxy.Namespace, proxy.Name);
        if (account is null)
        {
            return $"{target}: there is no gateway Deployment {proxy.Namespace}/{proxy.Name} managed by Junction";
        }

        return account == caller.ServiceAccount ? null : $"{target}: {who} is not the ServiceAccount the gateway's pods run as";
    }

    /// <summary>Null when <paramref name="instance"/> may report for <paramref name="caller"/>, else why not.</summary>
    public static string? InstanceRefusal(ProxyCaller caller, string instance)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.PodName is { } pod && pod != instance
            ? $"instance \"{instance}\": the token was issued for pod \"{pod}\""
            : null;
    }
}
