using System.Diagnostics;
using Junction.Agent.Api;
using Junction.Agent.Bundle;
using Junction.Agent.HAProxy;

namespace Junction.Agent.Hosting;

/// <summary>Applying a bundle: maps through the runtime API when only maps changed, else check, swap and reload.</summary>
internal sealed partial class ProxyAgent
{
    private async Task ApplyAndReportAsync(ConfigBundle bundle, bool report, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        string? failure;
        string how;
        await gate.WaitAsync(ct);
        changing = true;
        try
        {
            (failure, how) = await ApplyAsync(bundle, ct);
        }
        finally
        {
            changing = false;
            gate.Release();
        }

        handled = bundle.Hash;
        attempted = bundle.Hash;
        error = failure;
        if (failure is null)
        {
            log.Info("Applied bundle", ("hash", bundle.Hash), ("how", how), ("running", runningHash), ("ms", watch.ElapsedMilliseconds));
        }
        else
        {
            log.Warn("Rejected bundle", ("hash", bundle.Hash), ("running", runningHash), ("error", failure), ("ms", watch.ElapsedMilliseconds));
        }

        if (report)
        {
            await ReportAsync(ct);
        }
    }

    private async Task<(string? Error, string How)> ApplyAsync(ConfigBundle bundle, CancellationToken ct)
    {
        if (BundleDirectory.Invalid(bundle) is { } invalid)
        {
            return (invalid, "none");
        }

        if (haproxy is { HasExited: false } && running is not null && BundleDiff.ChangedMapsOnly(running, bundle) is { } maps)
        {
            if (await ApplyMapsAsync(bundle, maps, ct))
            {
                running = bundle;
                runningHash = bundle.Hash;
                return (null, "runtime-api");
            }

            log.Info("Falling back to a reload", ("hash", bundle.Hash));
        }

        if (await bundles.StageAndCheckAsync(bundle, ct) is { } refused)
        {
            return (refused, "check");
        }

        var previous = running;
        bundles.Swap(bundle);
        if (haproxy is not { HasExited: false })
        {
            return (await StartAsync(bundle, ct), "start");
        }

        var outcome = await control.ReloadAsync(haproxy, ReloadTimeout, ct);
        if (outcome is ReloadOutcome.Loaded { Worker.Hash: var loaded } && loaded == bundle.Hash)
        {
            running = bundle;
            workerHash = runningHash = bundle.Hash;
            return (null, "reload");
        }

        // The old worker keeps serving; the disk goes back to what it runs, and what runs is read back.
        if (previous is not null)
        {
            bundles.Restore(previous);
        }

        await ReadBackAsync(ct);
        return (outcome is ReloadOutcome.Failed f ? f.Error : "after the reload the worker reports hash " + ((ReloadOutcome.Loaded)outcome).Worker.Hash + ", not " + bundle.Hash, "reload");
    }

    private async Task<string?> StartAsync(ConfigBundle bundle, CancellationToken ct)
    {
        var h = HAProxyProcess.Start(options.HAProxy, options.ConfigFile, options.MasterSocket, options.PidFile, log);
        haproxy = h;
        log.Info("Started HAProxy", ("pid", h.Pid), ("config", options.ConfigFile));
        var worker = await control.WaitForWorkerAsync(StartTimeout, w => w.Hash == bundle.Hash || h.HasExited, ct);
        if (worker?.Hash == bundle.Hash)
        {
            running = bundle;
            workerHash = runningHash = bundle.Hash;
            return null;
        }

        haproxy = null;
        await h.StopAsync(TimeSpan.FromSeconds(2));
        var failure = HAProxyControl.ErrorText(h.LinesSince(0), worker is null ? "HAProxy did not start" : "HAProxy started with hash " + worker.Hash + ", not " + bundle.Hash);
        h.Dispose();
        runningHash = null;
        return failure;
    }

    // Each changed map is replaced in one committed version and read back with show map; any
    // surprise (a map the worker has not loaded, a complaint, entries that differ) means a reload.
    private async Task<bool> ApplyMapsAsync(ConfigBundle bundle, IReadOnlyList<string> maps, CancellationToken ct)
    {
        var worker = await control.WorkerAsync(ct);
        if (worker is null || worker.Hash != workerHash)
        {
            return false;
        }

        var loaded = await control.LoadedMapsAsync(ct);
        if (maps.Any(m => !loaded.Contains(bundles.PathOf(m))))
        {
            return false;
        }

        foreach (var name in maps)
        {
            var path = bundles.PathOf(name);
            var entries = MapEntry.ParseFile(bundle.Files.Single(f => f.Name == name).Content);
            if (await control.ReplaceMapAsync(path, entries, ct) is { } complaint)
            {
                log.Warn("HAProxy refused a map update", ("map", path), ("error", complaint));
                return false;
            }

            if (!(await control.ShowMapAsync(path, ct)).SequenceEqual(entries))
            {
                log.Warn("The worker's map differs from the bundle after the update", ("map", path));
                return false;
            }
        }

        // The files too: a later reload reads the disk.
        foreach (var f in bundle.Files.Where(f => maps.Contains(f.Name) || f.Name == BundleDiff.ConfigName).OrderBy(f => f.Name == BundleDiff.ConfigName ? 1 : 0))
        {
            bundles.Write(f.Name, f.Content);
        }

        return true;
    }
}
