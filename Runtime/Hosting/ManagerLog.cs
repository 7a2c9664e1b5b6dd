using Microsoft.Extensions.Logging;

namespace Junction.Runtime.Hosting;

internal static partial class ManagerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Serving endpoints metrics={MetricsAddress} probes={ProbeAddress}")]
    public static partial void Serving(ILogger logger, Uri? metricsAddress, Uri? probeAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for caches to sync informers={Count}")]
    public static partial void WaitingForCaches(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Caches synced, starting controllers controllers={Count}")]
    public static partial void CachesSynced(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped controllers, informers and endpoints")]
    public static partial void Stopped(ILogger logger);
}
