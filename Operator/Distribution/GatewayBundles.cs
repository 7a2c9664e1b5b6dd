using Junction.HAProxy;

namespace Junction.Distribution;

/// <summary>The gateway bundles, as the reconciler computed them, in the <see cref="BundleStore"/>.</summary>
internal sealed class GatewayBundles(BundleStore store) : IGatewayBundles
{
    /// <summary>The config file, which comes first in a bundle.</summary>
    public const string ConfigFile = "haproxy.cfg";

    /// <inheritdoc />
    public void Publish(PolicyGeneration policy, string deployment, string hash, IReadOnlyDictionary<string, string> files)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(files);
        var proxy = new ProxyKey(ProxyKind.Gateway, policy.Namespace, deployment);
        var ordered = files
            .OrderBy(f => f.Key == ConfigFile ? 0 : 1)
            .ThenBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new BundleFile(f.Key, f.Value))
            .ToList();
        store.Publish(ProxyAddress.Format(proxy), new ProxyBundle(proxy, hash, [policy], ordered));
    }

    /// <inheritdoc />
    public void Withdraw(string @namespace, string deployment) =>
        store.Withdraw(ProxyAddress.Format(new ProxyKey(ProxyKind.Gateway, @namespace, deployment)));
}
