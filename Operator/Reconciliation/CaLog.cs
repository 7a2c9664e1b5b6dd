using Microsoft.Extensions.Logging;

namespace Junction.Reconciliation;

/// <summary>Log lines of the CA and the trust bundles. They name the root by fingerprint; no line ever carries key material.</summary>
internal static partial class CaLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Created CA secret={Namespace}/{Name} root={Fingerprint} notAfter={NotAfter}")]
    public static partial void Created(ILogger logger, string @namespace, string name, string fingerprint, string notAfter);

    [LoggerMessage(Level = LogLevel.Information, Message = "Using CA ({How} secret) secret={Namespace}/{Name} root={Fingerprint} notAfter={NotAfter}")]
    public static partial void Loaded(ILogger logger, string how, string @namespace, string name, string fingerprint, string notAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recreated missing CA secret with the CA in use secret={Namespace}/{Name} root={Fingerprint}")]
    public static partial void Restored(ILogger logger, string @namespace, string name, string fingerprint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published trust bundle configMap={Namespace}/{Name} action={Action}")]
    public static partial void Published(ILogger logger, string @namespace, string name, string action);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed trust bundle of a namespace without meshed workloads configMap={Namespace}/{Name}")]
    public static partial void Removed(ILogger logger, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Found foreign ConfigMap where the trust bundle belongs; left it alone configMap={Namespace}/{Name}")]
    public static partial void Foreign(ILogger logger, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed to load Junction's CA for {Purpose}; retrying error={Error}")]
    public static partial void LoadFailed(ILogger logger, string purpose, string error);
}
