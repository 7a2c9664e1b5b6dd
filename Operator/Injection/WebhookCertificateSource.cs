namespace Junction.Injection;

/// <summary>Who provides the webhook's serving certificate and its configuration's caBundle (--webhook-certs).</summary>
internal enum WebhookCertificateSource
{
    /// <summary>Junction's CA signs it; the operator renews it and keeps the caBundle current.</summary>
    Junction,

    /// <summary>cert-manager issues it into a mounted Secret; its CA injector writes the caBundle.</summary>
    CertManager,
}
