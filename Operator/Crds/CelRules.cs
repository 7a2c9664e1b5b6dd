using Junction.Api.V1Alpha1;
using YamlDotNet.RepresentationModel;

namespace Junction.Crds;

/// <summary>
/// x-kubernetes-validations for cross-field rules the API server can enforce on its own.
/// They mirror rules of Junction.Validation; the operator's validators remain the full set.
/// Lists they walk are bounded by maxItems, which keeps the estimated CEL cost within limits.
/// </summary>
internal static class CelRules
{
    private static readonly Dictionary<Type, (string Rule, string Message)[]> ByType = new()
    {
        [typeof(TrafficPolicySpec)] =
        [
            ("!has(self.protocol) || self.protocol != 'TCP' || !has(self.ingress)", "an Ingress carries HTTP only; protocol TCP cannot have ingress"),
        ],
        [typeof(IngressTls)] =
        [
            ("has(self.secretName) || has(self.issuerRef)", "tls needs secretName or issuerRef"),
        ],
        [typeof(RouteFilter)] =
        [
            ("(self.type == 'RequestHeaderModifier') == has(self.requestHeaderModifier)", "requestHeaderModifier must be set exactly when type is RequestHeaderModifier"),
            ("(self.type == 'ResponseHeaderModifier') == has(self.responseHeaderModifier)", "responseHeaderModifier must be set exactly when type is ResponseHeaderModifier"),
            ("(self.type == 'URLRewrite') == has(self.urlRewrite)", "urlRewrite must be set exactly when type is URLRewrite"),
            ("(self.type == 'RequestRedirect') == has(self.requestRedirect)", "requestRedirect must be set exactly when type is RequestRedirect"),
        ],
        [typeof(PathModifier)] =
        [
            ("(self.type == 'ReplaceFullPath') == has(self.replaceFullPath)", "replaceFullPath must be set exactly when type is ReplaceFullPath"),
            ("(self.type == 'ReplacePrefixMatch') == has(self.replacePrefixMatch)", "replacePrefixMatch must be set exactly when type is ReplacePrefixMatch"),
        ],
        [typeof(LoadBalancer)] =
        [
            ("(has(self.algorithm) && self.algorithm == 'ConsistentHash') == has(self.consistentHash)", "consistentHash must be set exactly when algorithm is ConsistentHash"),
        ],
        [typeof(ConsistentHash)] =
        [
            ("self.type == 'SourceIP' || has(self.name)", "name is required for type Header and Cookie"),
        ],
        [typeof(RateLimit)] =
        [
            ("!has(self.burst) || self.burst >= self.requestsPerSecond", "burst must be at least requestsPerSecond"),
            ("(has(self.key) && self.key == 'Header') == has(self.headerName)", "headerName must be set exactly when key is Header"),
        ],
    };

    private static readonly Dictionary<(Type, string), (string Rule, string Message)[]> ByProperty = new()
    {
        [(typeof(TrafficPolicySpec), nameof(TrafficPolicySpec.Routes))] =
        [
            ("self.all(r, self.exists_one(o, o.name == r.name))", "route names must be unique"),
        ],
        [(typeof(Route), nameof(Route.BackendRefs))] =
        [
            ("self.size() == 0 || self.exists(b, !has(b.weight) || b.weight > 0)", "at least one backendRef must have a non-zero weight"),
        ],
    };

    public static YamlSequenceNode? For(Type type) => Node(ByType.GetValueOrDefault(type));

    public static YamlSequenceNode? For(Type owner, string property) => Node(ByProperty.GetValueOrDefault((owner, property)));

    private static YamlSequenceNode? Node((string Rule, string Message)[]? rules) =>
        rules is null ? null : YamlNodes.Seq(rules.Select(r => YamlNodes.Map(("message", YamlNodes.Str(r.Message)), ("rule", YamlNodes.Str(r.Rule)))));
}
