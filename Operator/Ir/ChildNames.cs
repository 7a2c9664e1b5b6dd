namespace Junction.Ir;

/// <summary>
/// Deterministic names of a policy's children: <c>&lt;policy&gt;</c> for the Ingress,
/// <c>&lt;policy&gt;-proxy</c> for the proxy Deployment, Service and ConfigMap, and
/// <c>&lt;backend&gt;-&lt;policy&gt;-&lt;hash&gt;</c> for headless twins. Service names must be DNS
/// labels (63 characters, no dots), so longer names are cut and keep a hash of the whole.
/// </summary>
internal static class ChildNames
{
    public static string Ingress(string policyName) => policyName;

    public static string Proxy(string policyName) => ProxyNames.DnsLabel(policyName, "proxy");

    /// <summary>The Secret with the gateway's mesh identity: <c>&lt;gateway&gt;-identity</c>, the gateway being <c>&lt;policy&gt;-proxy</c>.</summary>
    public static string Identity(string policyName) => ProxyNames.DnsLabel(policyName, "proxy", "identity");

    // The hash is always there: "a-b" + "c" and "a" + "b-c" would otherwise give the same name,
    // and two policies would fight over one object.
    public static string HeadlessService(string serviceName, string policyName)
    {
        var hash = ProxyNames.ShortHash(serviceName + "/" + policyName);
        var head = (serviceName + "-" + policyName).Replace('.', '-');
        var room = ProxyNames.MaxLabelLength - hash.Length - 1;
        if (head.Length > room)
        {
            head = head[..room];
        }

        return head.TrimEnd('-') + "-" + hash;
    }
}
