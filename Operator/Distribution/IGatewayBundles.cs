namespace Junction.Distribution;

/// <summary>Where the reconciler hands the gateway bundles it computes, for the proxy API to serve.</summary>
internal interface IGatewayBundles
{
    /// <summary>Serves the files of a policy's gateway ConfigMap to the agents of Deployment <paramref name="deployment"/>.</summary>
    /// <param name="policy">The policy and the generation the files were computed from.</param>
    /// <param name="deployment">The gateway Deployment's name (in the policy's namespace).</param>
    /// <param name="hash">The bundle hash haproxy.cfg carries.</param>
    /// <param name="files">haproxy.cfg and every file it loads, by name.</param>
    void Publish(PolicyGeneration policy, string deployment, string hash, IReadOnlyDictionary<string, string> files);

    /// <summary>Stops serving the gateway <paramref name="deployment"/> in <paramref name="namespace"/> (its policy is gone or runs no gateway).</summary>
    void Withdraw(string @namespace, string deployment);
}
