using static Junction.ApiServer.Model.FieldTable;

namespace Junction.ApiServer.Model;

/// <summary>rbac/v1, networking/v1 Ingress, policy/v1 and scheduling/v1 (k8s.io/api generated.proto numbers, v1.32).</summary>
internal static class AccessMessages
{
    public static IEnumerable<MessageModel> All { get; } =
    [
        M(Rbac + "Role", "Permissions within a namespace.", Msg("metadata", 1, Meta + "ObjectMeta"), List("rules", 2, Rbac + "PolicyRule")),
        M(Rbac + "ClusterRole", "Permissions cluster-wide, or aggregated from other roles.",
            Msg("metadata", 1, Meta + "ObjectMeta"), List("rules", 2, Rbac + "PolicyRule"), Msg("aggregationRule", 3, Rbac + "AggregationRule")),
        M(Rbac + "PolicyRule", "Verbs allowed on resources or non-resource URLs.",
            Strs("verbs", 1), Strs("apiGroups", 2), Strs("resources", 3), Strs("resourceNames", 4), Strs("nonResourceURLs", 5)),
        M(Rbac + "AggregationRule", "ClusterRoles whose rules are combined.", List("clusterRoleSelectors", 1, Meta + "LabelSelector")),
        M(Rbac + "RoleBinding", "Grants a role's permissions in a namespace.",
            Msg("metadata", 1, Meta + "ObjectMeta"), List("subjects", 2, Rbac + "Subject"), Msg("roleRef", 3, Rbac + "RoleRef")),
        M(Rbac + "ClusterRoleBinding", "Grants a cluster role's permissions cluster-wide.",
            Msg("metadata", 1, Meta + "ObjectMeta"), List("subjects", 2, Rbac + "Subject"), Msg("roleRef", 3, Rbac + "RoleRef")),
        M(Rbac + "Subject", "A user, group or ServiceAccount.",
            ReqStr("kind", 1), Str("apiGroup", 2), ReqStr("name", 3), Str("namespace", 4)),
        M(Rbac + "RoleRef", "The role a binding grants.", ReqStr("apiGroup", 1), ReqStr("kind", 2), ReqStr("name", 3)),
        M(Networking + "Ingress", "HTTP routing from outside the cluster to services.",
            Msg("metadata", 1, Meta + "ObjectMeta"), Msg("spec", 2, Networking + "IngressSpec"), Msg("status", 3, Networking + "IngressStatus")),
        M(Networking + "IngressSpec", "Rules, TLS and a default backend.",
            PtrStr("ingressClassName", 4), Msg("defaultBackend", 1, Networking + "IngressBackend"), List("tls", 2, Networking + "IngressTLS"),
            List("rules", 3, Networking + "IngressRule")),
        M(Networking + "IngressBackend", "A service port or a resource.",
            Msg("service", 4, Networking + "IngressServiceBackend"), Msg("resource", 3, Core + "TypedLocalObjectReference")),
        M(Networking + "IngressServiceBackend", "A service and one of its ports.", ReqStr("name", 1), Msg("port", 2, Networking + "ServiceBackendPort")),
        M(Networking + "ServiceBackendPort", "A service port by name or number.", Str("name", 1), I32("number", 2)),
        M(Networking + "IngressTLS", "Hosts served with a certificate from a Secret.", Strs("hosts", 1), Str("secretName", 2)),
        M(Networking + "IngressRule", "Paths for one host (or every host).", Str("host", 1), Inline("IngressRuleValue", 2, Networking + "IngressRuleValue")),
        M(Networking + "IngressRuleValue", "The rule's protocol-specific part.", Msg("http", 1, Networking + "HTTPIngressRuleValue")),
        M(Networking + "HTTPIngressRuleValue", "HTTP paths.", List("paths", 1, Networking + "HTTPIngressPath")),
        M(Networking + "HTTPIngressPath", "A path and its backend.",
            Str("path", 1), PtrStr("pathType", 3, "Exact, Prefix or ImplementationSpecific."), Msg("backend", 2, Networking + "IngressBackend")),
        M(Networking + "IngressStatus", "The ingress's current state.", Msg("loadBalancer", 1, Networking + "IngressLoadBalancerStatus")),
        M(Networking + "IngressLoadBalancerStatus", "The load balancer's addresses.", List("ingress", 1, Networking + "IngressLoadBalancerIngress")),
        M(Networking + "IngressLoadBalancerIngress", "One load balancer address.",
            Str("ip", 1), Str("hostname", 2), List("ports", 4, Networking + "IngressPortStatus")),
        M(Networking + "IngressPortStatus", "The state of one load balancer port.", ReqI32("port", 1), ReqStr("protocol", 2), PtrStr("error", 3)),
        M(Policy + "PodDisruptionBudget", "How many selected pods voluntary disruptions may take down.",
            Msg("metadata", 1, Meta + "ObjectMeta"), Msg("spec", 2, Policy + "PodDisruptionBudgetSpec"),
            Msg("status", 3, Policy + "PodDisruptionBudgetStatus")),
        M(Policy + "PodDisruptionBudgetSpec", "The pods and the bound; minAvailable and maxUnavailable exclude each other.",
            IntStr("minAvailable", 1), Msg("selector", 2, Meta + "LabelSelector"), IntStr("maxUnavailable", 3),
            PtrStr("unhealthyPodEvictionPolicy", 4)),
        M(Policy + "PodDisruptionBudgetStatus", "The observed budget.",
            I64("observedGeneration", 1), TimeMap("disruptedPods", 2), ReqI32("disruptionsAllowed", 3), ReqI32("currentHealthy", 4),
            ReqI32("desiredHealthy", 5), ReqI32("expectedPods", 6), List("conditions", 7, Meta + "Condition")),
        M(Scheduling + "PriorityClass", "A name for a pod priority value.",
            Msg("metadata", 1, Meta + "ObjectMeta"), ReqI32("value", 2), Bool("globalDefault", 3), Str("description", 4),
            PtrStr("preemptionPolicy", 5)),
    ];
}
