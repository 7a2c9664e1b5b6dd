namespace Junction.Injection;

/// <summary>The names injection writes into pods and the cluster, shared by the webhook, status and manifests.</summary>
internal static class InjectionNames
{
    /// <summary>The namespace label that opts a namespace's pods into injection (value <see cref="Enabled"/>).</summary>
    public const string NamespaceLabel = Reconciliation.MeshIdentityNames.InjectLabel;

    /// <summary>The value of <see cref="NamespaceLabel"/> that opts in.</summary>
    public const string Enabled = Reconciliation.MeshIdentityNames.InjectEnabled;

    /// <summary>The pod annotation that opts one pod out when it is <c>"false"</c>.</summary>
    public const string OptOutAnnotation = "traffic.junction.dev/inject";

    /// <summary>The pod annotation injection records, with the operator version that injected.</summary>
    public const string InjectedAnnotation = "traffic.junction.dev/injected";

    /// <summary>The init container that installs the capture rules (<c>junction init-net</c>).</summary>
    public const string InitContainer = "junction-init";

    /// <summary>The init container that copies junction-agent out of the operator image.</summary>
    public const string InstallAgentContainer = "junction-install-agent";

    /// <summary>The proxy: HAProxy started and fed by junction-agent.</summary>
    public const string ProxyContainer = Mesh.Sidecar.SidecarPod.ProxyContainer;

    /// <summary>The MutatingWebhookConfiguration whose caBundle the operator keeps current (config/webhook, with the junction- prefix).</summary>
    public const string WebhookConfiguration = "junction-sidecar-injector";

    /// <summary>The URL path the webhook answers on.</summary>
    public const string Path = "/inject";

    /// <summary>The Service in front of the webhook (config/webhook, with the junction- prefix).</summary>
    public const string Service = "junction-webhook";

    /// <summary>The webhook's port in the operator pod; 9443 as kubebuilder's webhooks use.</summary>
    public const int Port = 9443;

    /// <summary>The serving certificate's DNS names for the webhook Service in <paramref name="operatorNamespace"/>.</summary>
    public static IReadOnlyList<string> ServiceNames(string operatorNamespace) =>
        [$"{Service}.{operatorNamespace}.svc", $"{Service}.{operatorNamespace}.svc.cluster.local"];
}
