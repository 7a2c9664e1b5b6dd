using Microsoft.Extensions.Logging;

namespace Junction.Distribution;

/// <summary>The proxy API's log lines.</summary>
internal static partial class DistributionLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Serving the proxy API address={Address}")]
    public static partial void Listening(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued the proxy API serving certificate notAfter={NotAfter} names={Names}")]
    public static partial void CertificateIssued(ILogger logger, string notAfter, string names);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused a proxy API request path={Path} status={Status} reason={Reason}")]
    public static partial void Refused(ILogger logger, string path, int status, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Proxy refused its bundle proxy={Proxy} instance={Instance} attempted={Attempted} running={Running} error={Error}")]
    public static partial void Nack(ILogger logger, string proxy, string instance, string? attempted, string? running, string? error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Computed a new sidecar bundle namespace={Namespace} serviceAccount={ServiceAccount} hash={Hash}")]
    public static partial void SidecarBundleChanged(ILogger logger, string @namespace, string serviceAccount, string hash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed to compute a sidecar bundle namespace={Namespace} serviceAccount={ServiceAccount} error={Error}")]
    public static partial void SidecarBundleFailed(ILogger logger, string @namespace, string serviceAccount, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed to review a proxy token error={Error}")]
    public static partial void ReviewFailed(ILogger logger, string error);
}
