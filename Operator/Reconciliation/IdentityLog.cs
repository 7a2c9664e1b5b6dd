using Microsoft.Extensions.Logging;

namespace Junction.Reconciliation;

/// <summary>Log lines of gateway identities; they name certificates by identity and validity, never a key.</summary>
internal static partial class IdentityLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Issued gateway identity namespace={Namespace} secret={Secret} identity={Identity} notAfter={NotAfter} reason={Reason}")]
    public static partial void Issued(ILogger logger, string @namespace, string secret, string identity, string notAfter, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed gateway identity namespace={Namespace} secret={Secret}")]
    public static partial void Removed(ILogger logger, string @namespace, string secret);
}
