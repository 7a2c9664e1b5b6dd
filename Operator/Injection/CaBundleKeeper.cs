using Junction.Reconciliation;
using Microsoft.Extensions.Logging;

namespace Junction.Injection;

/// <summary>
/// Runs <see cref="CaBundleSync"/> while this replica leads: at once when the trust bundle changes
/// (<see cref="Poke"/>), and every <c>every</c> otherwise, so a caBundle reverted by someone else
/// (a GitOps sync without ignoreDifferences) is put back within that period.
/// </summary>
internal sealed class CaBundleKeeper(CaBundleSync sync, Func<string?> bundle, Func<bool> leads, TimeSpan every, TimeProvider time, ILogger<CaBundleKeeper> logger)
{
    private readonly Lock gate = new();
    private TaskCompletionSource poked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool reportedMissing;

    /// <summary>Asks for a check now (the trust bundle changed).</summary>
    public void Poke()
    {
        lock (gate)
        {
            poked.TrySetResult();
        }
    }

    /// <summary>Checks, waits for a poke or the period, and again, until cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Task wake;
            lock (gate)
            {
                if (poked.Task.IsCompleted)
                {
                    poked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                wake = poked.Task;
            }

            await CheckAsync(ct).ConfigureAwait(false);
            try
            {
                await Task.WhenAny(wake, Task.Delay(every, time, ct)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One check; failures are logged and retried at the next one.</summary>
    public async Task CheckAsync(CancellationToken ct)
    {
        if (!leads() || bundle() is not { } pem)
        {
            return;
        }

        try
        {
            var result = await sync.SyncAsync(pem, ct).ConfigureAwait(false);
            if (result == CaBundleResult.Written)
            {
                InjectionLog.CaBundleUpdated(logger, sync.Name);
            }

            // Said once, not every period, until the configuration appears.
            if (result == CaBundleResult.ConfigurationMissing && !reportedMissing)
            {
                InjectionLog.CaBundleConfigMissing(logger, sync.Name);
            }

            reportedMissing = result == CaBundleResult.ConfigurationMissing;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            InjectionLog.CaBundleFailed(logger, sync.Name, ApiErrors.Describe(e));
        }
    }
}
