using Microsoft.Extensions.Logging;

namespace Junction.Mesh.Identity;

/// <summary>Log lines of the cert-manager issuer; they name requests and identities, never key material.</summary>
internal static partial class CertManagerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Issued workload certificate identity={Identity} certificateRequest={Request} issuer={Issuer} notAfter={NotAfter}")]
    public static partial void Issued(ILogger logger, string identity, string request, string issuer, string notAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workload certificate not issued identity={Identity} certificateRequest={Request}: {Reason}")]
    public static partial void NotIssued(ILogger logger, string identity, string request, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete finished CertificateRequest {Request}; it stays until deleted by hand: {Reason}")]
    public static partial void CleanupFailed(ILogger logger, string request, string reason);
}
