namespace Junction.Injection;

/// <summary>What the webhook injects: images, where the agent reaches the operator, and which pod layout.</summary>
internal sealed record InjectionOptions
{
    /// <summary>The HAProxy image the proxy container runs, the same as gateway Deployments get.</summary>
    public string ProxyImage { get; init; } = Validation.ValidationOptions.DefaultProxyImage;

    /// <summary>The operator's image: junction-agent is copied out of it.</summary>
    public string OperatorImage { get; init; } = Translation.TranslatorOptions.DefaultAgentImage;

    /// <summary>
    /// The image junction-init runs <c>junction init-net</c> from: the operator's binary on a base with
    /// iptables (the Dockerfile's <c>init</c> target), since the operator's own image is distroless.
    /// </summary>
    public string InitImage { get; init; } = DefaultInitImage;

    /// <summary>The init image config/manager deploys.</summary>
    public const string DefaultInitImage = "junction-init:latest";

    /// <summary>The operator's proxy API, as agents reach it.</summary>
    public string ProxyApiUrl { get; init; } = "https://junction-proxy-api.junction-system.svc:15012";

    /// <summary>
    /// The proxy as a native sidecar (an init container with <c>restartPolicy: Always</c>, Kubernetes 1.29+),
    /// or else as the first regular container with a postStart hook that holds the others back until it is ready.
    /// </summary>
    public bool NativeSidecar { get; init; } = true;

    /// <summary>The version recorded in <see cref="InjectionNames.InjectedAnnotation"/>.</summary>
    public string Version { get; init; } = "dev";

    /// <summary>Junction's own namespace, never injected whatever its labels say.</summary>
    public string OperatorNamespace { get; init; } = "junction-system";
}
