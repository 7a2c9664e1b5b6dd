using Microsoft.Extensions.Logging;

namespace Junction.Hosting.Local;

/// <summary>Log lines of the local run's proxies.</summary>
internal static partial class LocalProxiesLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Started proxy {Proxy} instance {Instance} on {Address}")]
    public static partial void Started(ILogger logger, string proxy, string instance, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped proxy {Proxy} instance {Instance}: its Deployment no longer asks for it")]
    public static partial void Stopped(ILogger logger, string proxy, string instance);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Proxy {Proxy} instance {Instance} exited; restarting it. Its last output:\n{Output}")]
    public static partial void Exited(ILogger logger, string proxy, string instance, string output);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not start proxy instance {Instance}: {Message}")]
    public static partial void StartFailed(ILogger logger, string instance, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not sync the local proxies with the gateway Deployments: {Message}")]
    public static partial void SyncFailed(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Problem}")]
    public static partial void BadEndpoints(ILogger logger, string problem);
}
