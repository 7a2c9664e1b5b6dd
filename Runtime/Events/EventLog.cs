using Microsoft.Extensions.Logging;

namespace Junction.Runtime.Events;

internal static partial class EventLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed to write event object={Object} reason={Reason} eventType={EventType}")]
    public static partial void WriteFailed(ILogger logger, Exception error, string @object, string reason, string eventType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropped event by the spam filter object={Object} eventType={EventType} reason={Reason}")]
    public static partial void Dropped(ILogger logger, string @object, string eventType, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Event occurred object={Object} kind={Kind} eventType={EventType} reason={Reason} message={EventMessage}")]
    public static partial void Occurred(ILogger logger, string @object, string kind, string eventType, string reason, string eventMessage);
}
