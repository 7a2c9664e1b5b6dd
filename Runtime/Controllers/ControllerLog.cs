using Microsoft.Extensions.Logging;

namespace Junction.Runtime.Controllers;

internal static partial class ControllerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Starting workers controller={Controller} workerCount={WorkerCount}")]
    public static partial void StartingWorkers(ILogger logger, string controller, int workerCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutdown signal received, waiting for all workers to finish controller={Controller}")]
    public static partial void StoppingWorkers(ILogger logger, string controller);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workers did not finish within the shutdown timeout, cancelled in-flight reconciles controller={Controller} timeout={Timeout}")]
    public static partial void ShutdownTimedOut(ILogger logger, string controller, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "All workers finished controller={Controller}")]
    public static partial void WorkersFinished(ILogger logger, string controller);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciler error controller={Controller} request={Request}")]
    public static partial void ReconcileFailed(ILogger logger, Exception error, string controller, ReconcileRequest request);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reconciled controller={Controller} request={Request} result={Result}")]
    public static partial void Reconciled(ILogger logger, string controller, ReconcileRequest request, string result);
}
