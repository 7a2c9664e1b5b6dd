namespace Junction.Injection;

/// <summary>How the operator serves the sidecar injection webhook; filled from the run verb's flags.</summary>
internal sealed record WebhookOptions
{
    /// <summary>Where the webhook listens (HTTPS): host:port, ":9443", or "0" to disable.</summary>
    public string BindAddress { get; init; } = "0";

    /// <summary>Who provides the serving certificate and caBundle.</summary>
    public WebhookCertificateSource Certificates { get; init; } = WebhookCertificateSource.Junction;

    /// <summary>With cert-manager: the directory its Secret is mounted at (tls.crt, tls.key).</summary>
    public string CertificateDirectory { get; init; } = "/var/run/junction/webhook-certs";

    /// <summary>Inject native sidecars (true), regular containers (false), or decide by the server's version (null, 1.29+ is native).</summary>
    public bool? NativeSidecars { get; init; }

    /// <summary>The image injected pods run <c>junction init-net</c> from (the operator's binary with iptables).</summary>
    public string InitImage { get; init; } = InjectionOptions.DefaultInitImage;

    /// <summary>The MutatingWebhookConfiguration whose caBundle the operator keeps current.</summary>
    public string ConfigurationName { get; init; } = InjectionNames.WebhookConfiguration;

    /// <summary>How often the caBundle is checked even without a CA change (someone may have reverted it).</summary>
    public TimeSpan CaBundleCheckEvery { get; init; } = TimeSpan.FromMinutes(1);
}
