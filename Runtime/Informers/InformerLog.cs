using Microsoft.Extensions.Logging;

namespace Junction.Runtime.Informers;

internal static partial class InformerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Listed objects kind={Kind} count={Count} resourceVersion={ResourceVersion}")]
    public static partial void Listed(ILogger logger, string kind, int count, string resourceVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch expired, relisting kind={Kind} resourceVersion={ResourceVersion}")]
    public static partial void WatchExpired(ILogger logger, string kind, string resourceVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "List or watch failed, retrying after backoff kind={Kind} delay={Delay}")]
    public static partial void Failed(ILogger logger, Exception error, string kind, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Watch closed by the server, watching again kind={Kind} resourceVersion={ResourceVersion}")]
    public static partial void WatchClosed(ILogger logger, string kind, string resourceVersion);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event handler failed kind={Kind} object={Key}")]
    public static partial void HandlerFailed(ILogger logger, Exception error, string kind, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped an object that cannot be decoded kind={Kind} object={Key} resourceVersion={ResourceVersion} error={Error}")]
    public static partial void Undecodable(ILogger logger, string kind, string key, string resourceVersion, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch failed repeatedly, relisting kind={Kind} failures={Failures}")]
    public static partial void Relisting(ILogger logger, string kind, int failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "Undecodable-object callback failed kind={Kind} object={Key}")]
    public static partial void UndecodableCallbackFailed(ILogger logger, Exception error, string kind, string key);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Resynced cached objects kind={Kind} count={Count}")]
    public static partial void Resynced(ILogger logger, string kind, int count);
}
