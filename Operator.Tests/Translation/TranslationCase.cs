using Junction.Api.V1Alpha1;
using Junction.HAProxy;
using Junction.Tests.Support;
using Junction.Translation;
using k8s;
using k8s.Models;

namespace Junction.Tests.Translation;

/// <summary>
/// A translation test case: the policies and Services of one YAML file, translated together.
/// Several policies in one file share one proxy config (each on its own port), as a namespace
/// waypoint would. A line "# case: assumeMissingServices" translates like the render verb; a line
/// "# case: configDelivery=agent" renders gateways for junction-agent (the operator's default in a cluster).
/// </summary>
internal sealed record TranslationCase(string Name, string Yaml)
{
    private static readonly Dictionary<string, Type> TypeMap = new()
    {
        [TrafficPolicy.ApiVersionString + "/" + TrafficPolicy.KindName] = typeof(TrafficPolicy),
        ["v1/Service"] = typeof(V1Service),
        ["v1/Secret"] = typeof(V1Secret),
        ["apps/v1/Deployment"] = typeof(V1Deployment),
    };

    public static TranslationCase FromFile(string name, string path) => new(name, File.ReadAllText(path));

    public bool AssumeMissingServices => Yaml.Contains("# case: assumeMissingServices", StringComparison.Ordinal);

    public ConfigDelivery ConfigDelivery => Yaml.Contains("# case: configDelivery=agent", StringComparison.Ordinal) ? ConfigDelivery.Agent : ConfigDelivery.Rollout;

    public List<object> Documents() => KubernetesYaml.LoadAllFromString(Yaml, TypeMap);

    public IReadOnlyList<TrafficPolicy> Policies() => Documents().OfType<TrafficPolicy>().ToList();

    public TranslationContext Context(int policyIndex, bool reverseOrder = false)
    {
        var docs = Documents();
        var services = docs.OfType<V1Service>().ToList();
        var secrets = docs.OfType<V1Secret>().ToList();
        if (reverseOrder)
        {
            services.Reverse();
            secrets.Reverse();
        }

        var policy = docs.OfType<TrafficPolicy>().ElementAt(policyIndex);
        var ns = policy.Metadata.NamespaceProperty ?? "default";
        var byName = services.Where(s => (s.Metadata.NamespaceProperty ?? "default") == ns).ToDictionary(s => s.Metadata.Name);
        var workloads = docs.Select(Junction.Mesh.Sidecar.ServingWorkload.From).OfType<Junction.Mesh.Sidecar.ServingWorkload>().ToList();
        return new TranslationContext(
            services.ToDictionary(s => s.Metadata.Name),
            secrets.ToDictionary(s => s.Metadata.Name),
            TranslatorOptions.Default with { ListenPort = 8080 + policyIndex, ConfigDelivery = ConfigDelivery },
            AssumeMissingServices,
            Junction.Mesh.Gateway.GatewayMeshing.Neighbourhood(ns, policy.Metadata.Name, docs.OfType<TrafficPolicy>(), byName.GetValueOrDefault, workloads, TranslatorOptions.Default.TrustDomain));
    }

    public IReadOnlyList<TranslationResult> Translate(bool reverseOrder = false) =>
        Policies().Select((p, i) => PolicyTranslator.Translate(p, Context(i, reverseOrder))).ToList();

    /// <summary>The outputs compared with golden files.</summary>
    public Outputs Render(bool reverseOrder = false)
    {
        var results = Translate(reverseOrder);
        var objects = ObjectsYaml.Serialize(results.SelectMany(r => r.Objects));
        var gateways = results.Where(r => r.HAProxyConfig is not null).Select(r => r.Fragment).ToList();
        var config = gateways.Count switch
        {
            0 => null,
            1 => results.First(r => r.HAProxyConfig is not null).HAProxyConfig,
            _ => HAProxyConfigWriter.Write(gateways, PolicyTranslator.GlobalOptions(TranslatorOptions.Default)),
        };
        var report = string.Concat(results.Select(Report));
        return new Outputs(IrYaml.Serialize(results.Select(r => r.Fragment)), objects, config, report);
    }

    private static string Report(TranslationResult r)
    {
        var lines = new List<string> { $"policy {r.Fragment.Namespace}/{r.Fragment.PolicyName}: mode {r.Fragment.Mode}, configHash {r.ConfigHash ?? "none"}" };
        lines.AddRange(r.Problems.Select(p => $"  problem {p.Reason}: {p.Message}"));
        lines.AddRange(r.Fragment.Notices.Select(n => $"  notice: {n}"));
        return string.Join("\n", lines) + "\n";
    }

    public override string ToString() => Name;

    /// <summary>What the translation of a case gives, layer by layer.</summary>
    /// <param name="Ir">The fragments, in policy order (ir.yaml).</param>
    /// <param name="Objects">The desired objects (objects.yaml).</param>
    /// <param name="HAProxyConfig">The proxy config of every gateway policy, or null (haproxy.cfg).</param>
    /// <param name="Report">Mode, config hash, problems and notices per policy (result.txt).</param>
    internal sealed record Outputs(string Ir, string Objects, string? HAProxyConfig, string Report);
}
