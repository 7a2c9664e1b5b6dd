using Microsoft.Extensions.Logging;

namespace Junction.Reconciliation;

/// <summary>The reconciler's log lines, Kubernetes style: capitalised, past tense, key/value pairs.</summary>
internal static partial class ReconcilerLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Skipped reconcile; policy not found policy={Namespace}/{Name}")]
    public static partial void PolicyGone(ILogger logger, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected invalid spec policy={Namespace}/{Name} generation={Generation} errors={Errors}")]
    public static partial void Rejected(ILogger logger, string @namespace, string name, long? generation, int errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed to apply child policy={Namespace}/{Name} child={Child}")]
    public static partial void ApplyFailed(ILogger logger, string @namespace, string name, string child);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Found conflicting object policy={Namespace}/{Name} object={Child}")]
    public static partial void Conflict(ILogger logger, string @namespace, string name, string child);

    [LoggerMessage(Level = LogLevel.Information, Message = "Updated status policy={Namespace}/{Name} generation={Generation} ready={Ready}")]
    public static partial void StatusWritten(ILogger logger, string @namespace, string name, long? generation, string ready);
}
