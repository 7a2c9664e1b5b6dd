namespace Junction.ApiServer.Store;

/// <summary>The built-in resources this server serves, named as kube-apiserver names them.</summary>
internal static class BuiltinTypes
{
    // kube-apiserver sets and bumps metadata.generation only for these built-in kinds.
    private static readonly string[] Generational =
    [
        "deployments.apps", "ingresses.networking.k8s.io", "ingressclasses.networking.k8s.io",
        "endpointslices.discovery.k8s.io", "customresourcedefinitions.apiextensions.k8s.io",
        "replicasets.apps", "jobs.batch", "cronjobs.batch",
        "mutatingwebhookconfigurations.admissionregistration.k8s.io", "validatingwebhookconfigurations.admissionregistration.k8s.io",
    ];

    public static IReadOnlyList<ResourceType> All { get; } =
    [
        Make(string.Empty, "v1", "namespaces", "Namespace", false, ["ns"], [], status: true),
        Make(string.Empty, "v1", "services", "Service", true, ["svc"], ["all"], status: true),
        Make(string.Empty, "v1", "endpoints", "Endpoints", true, ["ep"], [], singular: "endpoints"),
        Make(string.Empty, "v1", "configmaps", "ConfigMap", true, ["cm"], []),
        Make(string.Empty, "v1", "secrets", "Secret", true, [], []),
        Make(string.Empty, "v1", "serviceaccounts", "ServiceAccount", true, ["sa"], []),
        Make(string.Empty, "v1", "resourcequotas", "ResourceQuota", true, ["quota"], [], status: true),
        Make(string.Empty, "v1", "pods", "Pod", true, ["po"], ["all"], status: true),
        Make(string.Empty, "v1", "events", "Event", true, ["ev"], []),
        Make("events.k8s.io", "v1", "events", "Event", true, ["ev"], []),
        Make("apps", "v1", "deployments", "Deployment", true, ["deploy"], ["all"], status: true),
        Make("networking.k8s.io", "v1", "ingresses", "Ingress", true, ["ing"], [], status: true),
        Make("networking.k8s.io", "v1", "ingressclasses", "IngressClass", false, [], []),
        Make("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", true, [], []),
        Make("coordination.k8s.io", "v1", "leases", "Lease", true, [], []),
        Make("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true, ["pdb"], [], status: true),
        Make("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false, ["crd", "crds"], ["api-extensions"], status: true),
        Make("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", "MutatingWebhookConfiguration", false, [], ["api-extensions"]),
        Make("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", "ValidatingWebhookConfiguration", false, [], ["api-extensions"]),
        Make("apps", "v1", "replicasets", "ReplicaSet", true, ["rs"], ["all"], status: true),
        Make("apps", "v1", "controllerrevisions", "ControllerRevision", true, [], []),
        Make("batch", "v1", "jobs", "Job", true, [], ["all"], status: true),
        Make("batch", "v1", "cronjobs", "CronJob", true, ["cj"], ["all"], status: true),
    ];

    private static ResourceType Make(
        string group, string version, string plural, string kind, bool namespaced,
        string[] shortNames, string[] categories, bool status = false, string? singular = null) =>
        new(group, version, plural, singular ?? kind.ToLowerInvariant(), kind, namespaced, shortNames, categories, status, false, null, [])
        {
            TracksGeneration = Generational.Contains(group.Length == 0 ? plural : $"{plural}.{group}"),
        };
}
