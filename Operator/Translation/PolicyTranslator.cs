using Junction.Api.V1Alpha1;
using Junction.HAProxy;
using Junction.Ir;
using Junction.Objects;
using k8s;
using k8s.Models;

namespace Junction.Translation;

/// <summary>
/// The pure translation: TrafficPolicy + snapshot -> IR -> desired objects and haproxy.cfg.
/// No client, clock or I/O; the same input gives byte-identical output.
/// </summary>
internal static class PolicyTranslator
{
    /// <summary>Translates a policy that passed validation. Never throws on valid input.</summary>
    public static TranslationResult Translate(TrafficPolicy policy, TranslationContext context)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(context);
        var notices = new List<string>();
        var backends = new BackendResolver(policy.Metadata.NamespaceProperty ?? "default", policy.Metadata.Name ?? "", context);
        var built = FragmentBuilder.Build(policy, context, backends, notices);
        var problems = backends.Problems.Concat(SecretProblems(built, context)).ToList();
        var mesh = GatewayMeshBuilder.Build(built, context.Mesh, notices, problems);
        // Routes that share the spec's retry or timeouts would repeat the same notice.
        var fragment = built with { Notices = notices.Concat(backends.Notices).Distinct().ToEquatableArray(), Mesh = mesh };
        fragment.Validate();

        string? config = null;
        string? hash = null;
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        if (fragment.Mode == ProxyMode.Gateway)
        {
            var global = GlobalOptions(context.Options);
            var files = HAProxyAssets.Files([fragment]);
            hash = BundleHash(HAProxyConfigWriter.Write([fragment], global), files);
            config = HAProxyConfigWriter.Write([fragment], global, hash);
            objects.Add(ChildObjects.ProxyConfigMap(fragment, config, files));
            objects.AddRange(backends.ResolvedServices.Values.Select(s => ChildObjects.HeadlessService(fragment, s)));
            objects.Add(ChildObjects.ProxyService(fragment));
            if (context.Options.ConfigDelivery == ConfigDelivery.Agent)
            {
                objects.Add(ChildObjects.ProxyServiceAccount(fragment));
                objects.Add(ChildObjects.ProxyDeployment(fragment, hash, agent: new AgentWiring(context.Options.AgentImage, context.Options.ProxyApiUrl)));
            }
            else
            {
                objects.Add(ChildObjects.ProxyDeployment(fragment, hash));
            }
            if (ChildObjects.NeedsDisruptionBudget(fragment))
            {
                objects.Add(ChildObjects.ProxyDisruptionBudget(fragment));
            }
        }

        if (fragment.Mode == ProxyMode.Sidecar)
        {
            // Sidecars find the endpoints of every backend through its headless twin, as gateways do.
            objects.AddRange(backends.ResolvedServices.Values.Select(s => ChildObjects.HeadlessService(fragment, s)));
        }

        if (fragment.Ingress is not null)
        {
            objects.Add(ChildObjects.PolicyIngress(fragment));
        }

        return new TranslationResult(fragment, objects, config, hash, problems);
    }

    /// <summary>The writer settings that follow from the operator's options.</summary>
    public static HAProxyGlobalOptions GlobalOptions(TranslatorOptions options) => new()
    {
        Nameservers = options.DnsNameservers,
        MetricsPort = options.MetricsPort,
        BindAddress = options.BindAddress,
        ServerStateFile = options.ServerStateFile,
        DnsHoldValid = options.DnsHoldValid,
        DnsHoldObsolete = options.DnsHoldObsolete,
        // The agent rotates leaf certificates and updates maps through it.
        AdminSocket = options.ConfigDelivery == ConfigDelivery.Agent ? SidecarPaths.Container.AdminSocket : "",
    };

    /// <summary>
    /// The gateway bundle's hash (<see cref="HAProxy.BundleHash"/>): over haproxy.cfg written without
    /// its hash lines and every file it loads, so the agent can tell which bundle a worker runs.
    /// </summary>
    public static string BundleHash(string unhashedConfig, IReadOnlyDictionary<string, string> files) =>
        HAProxy.BundleHash.Of(files.Select(f => new BundleFile(f.Key, f.Value)).Prepend(new BundleFile(ChildObjects.ConfigFileName, unhashedConfig)));

    // A secret that cert-manager is asked to issue does not have to exist yet.
    private static IEnumerable<ReferenceProblem> SecretProblems(ProxyFragment fragment, TranslationContext context)
    {
        if (fragment.Ingress is { TlsSecretName: { } secret, Issuer: null } && !context.Secrets.ContainsKey(secret) && !context.AssumeMissingServices)
        {
            yield return new ReferenceProblem(
                ReferenceReason.SecretNotFound,
                "spec.ingress.tls.secretName",
                $"spec.ingress.tls.secretName: Secret \"{secret}\" not found in namespace \"{fragment.Namespace}\"");
        }
    }
}
