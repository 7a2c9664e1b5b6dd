using Microsoft.Extensions.Logging;

namespace Junction.Hosting;

/// <summary>The operator process's log lines.</summary>
internal static partial class HostLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Starting operator workers={Workers} namespace={Namespace} leaderElect={LeaderElect} kubeconfig={Kubeconfig}")]
    public static partial void Starting(ILogger logger, int workers, string @namespace, bool leaderElect, string kubeconfig);
}
