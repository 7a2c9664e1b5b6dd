using Microsoft.Extensions.Logging;

namespace Junction.Injection;

/// <summary>The injection webhook's log lines.</summary>
internal static partial class InjectionLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Injected sidecar pod={Pod} layout={Layout}")]
    public static partial void Injected(ILogger logger, string pod, string layout);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Admitted pod without sidecar pod={Pod} reason={Reason}")]
    public static partial void Skipped(ILogger logger, string pod, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused pod pod={Pod} reason={Reason}")]
    public static partial void Refused(ILogger logger, string pod, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected request that is no AdmissionReview error={Error}")]
    public static partial void BadReview(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started sidecar injection webhook address={Address}")]
    public static partial void Listening(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Read Kubernetes version version={Version} nativeSidecar={Native}")]
    public static partial void ServerVersion(ILogger logger, string version, bool native);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed to read the Kubernetes version; injecting native sidecars error={Error}")]
    public static partial void ServerVersionFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Updated caBundle of MutatingWebhookConfiguration name={Name}")]
    public static partial void CaBundleUpdated(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed to update caBundle of MutatingWebhookConfiguration name={Name} error={Error}")]
    public static partial void CaBundleFailed(ILogger logger, string name, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "MutatingWebhookConfiguration not found; its caBundle is written once it exists name={Name}")]
    public static partial void CaBundleConfigMissing(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed to load the webhook's serving certificate error={Error}")]
    public static partial void CertificateFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded the webhook's serving certificate source={Source} notAfter={NotAfter}")]
    public static partial void CertificateLoaded(ILogger logger, string source, string notAfter);
}
