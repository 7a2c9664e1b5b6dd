using System.Security.Cryptography.X509Certificates;
using Junction.Agent.Api;
using Junction.Agent.HAProxy;
using Junction.Agent.Identity;

namespace Junction.Agent.Hosting;

/// <summary>The agent's loops: identity, config long-poll, renewal and heartbeat.</summary>
internal sealed partial class ProxyAgent
{
    private Backoff NewBackoff() => new(random, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));

    private async Task FirstIdentityAsync(CancellationToken ct)
    {
        if (File.Exists(options.IdentityCertificate) && File.Exists(options.IdentityCa))
        {
            // A restarted container keeps its emptyDir: the identity on disk lets HAProxy start
            // without the operator; the renewal loop replaces it when it is due (or already past).
            var pem = await File.ReadAllTextAsync(options.IdentityCertificate, ct);
            using var leaf = X509Certificate2.CreateFromPem(pem);
            identity = new IssuedIdentity(pem, await File.ReadAllTextAsync(options.IdentityCa, ct), leaf.NotBefore.ToUniversalTime(), leaf.NotAfter.ToUniversalTime())
            {
                Received = File.GetLastWriteTimeUtc(options.IdentityCertificate),
            };
            log.Info("Loaded identity from disk", ("notAfter", identity.NotAfter.ToString("O")));
            return;
        }

        var backoff = NewBackoff();
        while (true)
        {
            try
            {
                var issued = await identities.RequestAsync(ct);
                IdentityRequester.Write(issued, options.IdentityCertificate, options.IdentityCa);
                identity = issued;
                log.Info("Obtained identity", ("notAfter", issued.NotAfter.ToString("O")), ("renewAt", issued.RenewAt.ToString("O")));
                return;
            }
            catch (OperatorUnavailableException e)
            {
                await WaitAfterFailureAsync("Failed to obtain identity", e, backoff, ct);
            }
        }
    }

    private async Task BootFromDiskAsync(CancellationToken ct)
    {
        if (bundles.ReadLastGood(options.Proxy) is not { } last)
        {
            return;
        }

        log.Info("Starting from the last good bundle on disk", ("hash", last.Hash));
        await ApplyAndReportAsync(rewrite.Apply(last), report: false, ct);
    }

    private async Task ConfigLoopAsync(CancellationToken ct)
    {
        var backoff = NewBackoff();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var bundle = await client.ConfigAsync(handled, options.PollWait, ct);
                backoff.Reset();
                if (bundle is null)
                {
                    continue;
                }

                if (bundle.Hash == handled)
                {
                    // An operator that answers at once with what the agent has would make this spin.
                    await Task.Delay(TimeSpan.FromSeconds(1), time, ct);
                    continue;
                }

                await ApplyAndReportAsync(rewrite.Apply(bundle), report: true, ct);
            }
            catch (Exception e) when (e is OperatorUnavailableException or IOException or System.Net.Sockets.SocketException || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                await WaitAfterFailureAsync("Failed to fetch or apply config", e, backoff, ct);
            }
        }
    }

    private async Task RenewLoopAsync(CancellationToken ct)
    {
        var backoff = NewBackoff();
        while (!ct.IsCancellationRequested)
        {
            var wait = identity!.RenewAt - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, ct);
            }

            try
            {
                var issued = await identities.RequestAsync(ct);
                backoff.Reset();
                await gate.WaitAsync(ct);
                try
                {
                    await InstallIdentityAsync(issued, ct);
                }
                finally
                {
                    gate.Release();
                }

                identity = issued;
            }
            catch (Exception e) when (e is OperatorUnavailableException or IOException or System.Net.Sockets.SocketException || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                // A renewal that failed half-way (the file is written, the runtime update timed out) is redone whole.
                await WaitAfterFailureAsync("Failed to renew identity", e, backoff, ct);
            }
        }
    }

    private async Task InstallIdentityAsync(IssuedIdentity issued, CancellationToken ct)
    {
        // The file first: a later reload reads the disk.
        var caChanged = IdentityRequester.Write(issued, options.IdentityCertificate, options.IdentityCa);
        if (haproxy is not { HasExited: false } h)
        {
            log.Info("Renewed identity", ("notAfter", issued.NotAfter.ToString("O")), ("applied", "file"));
            return;
        }

        if (caChanged)
        {
            // Never a runtime CA update on 2.6 (MESH.md §5: CA commit → cert commit → CA commit crashes the worker).
            changing = true;
            try
            {
                var outcome = await control.ReloadAsync(h, ReloadTimeout, ct);
                log.Info("Renewed identity", ("notAfter", issued.NotAfter.ToString("O")), ("applied", "reload"), ("outcome", outcome is ReloadOutcome.Loaded ? "loaded" : ((ReloadOutcome.Failed)outcome).Error));
            }
            finally
            {
                changing = false;
            }

            return;
        }

        var (loaded, failure) = await control.ReplaceCertificateAsync(options.IdentityCertificate, issued.CertificateAndKey, ct);
        if (failure is not null)
        {
            log.Warn("Failed to replace the certificate at runtime", ("file", options.IdentityCertificate), ("error", failure));
            return;
        }

        log.Info("Renewed identity", ("notAfter", issued.NotAfter.ToString("O")), ("renewAt", issued.RenewAt.ToString("O")), ("applied", loaded ? "runtime" : "file (not loaded by the config)"));
    }

    private async Task HeartbeatLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(options.Heartbeat, time, ct);
            await gate.WaitAsync(ct);
            try
            {
                await ReadBackAsync(ct);
            }
            finally
            {
                gate.Release();
            }

            await ReportAsync(ct);
        }
    }

    // What runs is what the worker says, never what the agent assumes.
    private async Task ReadBackAsync(CancellationToken ct)
    {
        if (haproxy is not { HasExited: false })
        {
            runningHash = null;
            return;
        }

        var worker = await control.WorkerAsync(ct);
        if (worker is null)
        {
            log.Warn("HAProxy did not answer show info");
            return;
        }

        if (worker.Hash != workerHash)
        {
            log.Warn("The worker reports another hash than the agent loaded", ("reported", worker.Hash), ("loaded", workerHash));
            workerHash = worker.Hash;
            runningHash = worker.Hash;
            running = null;
        }
    }

    private async Task ReportAsync(CancellationToken ct)
    {
        try
        {
            await client.StatusAsync(new StatusReport(options.Proxy, options.Instance, runningHash, attempted, error), ct);
        }
        catch (OperatorUnavailableException e)
        {
            log.Warn("Failed to report status", ("error", e.Message));
        }
    }

    private async Task WaitAfterFailureAsync(string what, Exception e, Backoff backoff, CancellationToken ct)
    {
        var wait = backoff.Next();
        if (e is OperatorUnavailableException { RetryAfter: { } asked } && asked > wait)
        {
            wait = asked;
        }

        log.Warn(what, ("error", e.Message), ("attempt", backoff.Failures), ("retryIn", wait.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "s"));
        await Task.Delay(wait, time, ct);
    }
}
