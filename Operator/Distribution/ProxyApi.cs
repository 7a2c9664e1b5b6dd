using System.Globalization;
using System.Text.Json;
using Junction.Mesh.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Junction.Distribution;

/// <summary>
/// The three endpoints agents call (agent-contract "The proxy API"): <c>POST /v1/identity</c>,
/// <c>GET /v1/config</c> (long-poll) and <c>POST /v1/status</c>. Every call is authenticated by
/// the bearer token (TokenReview), rate-limited per caller and authorized for the proxy it names;
/// refusals are JSON bodies that name what was refused.
/// </summary>
internal sealed class ProxyApi(ProxyApiParts parts, ProxyApiOptions options, DistributionMetrics metrics, TimeProvider time, ILogger<ProxyApi> logger)
{
    private int held;

    /// <summary>Polls held now.</summary>
    public int HeldPolls => Volatile.Read(ref held);

    /// <summary>Adds the endpoints to <paramref name="app"/>.</summary>
    public void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/v1/identity", IdentityAsync);
        app.MapGet("/v1/config", ConfigAsync);
        app.MapPost("/v1/status", StatusAsync);
    }

    private async Task IdentityAsync(HttpContext http)
    {
        var caller = await AuthenticateAsync(http, "identity", instance: null).ConfigureAwait(false);
        if (caller is null)
        {
            return;
        }

        if (caller.Namespace is null || caller.ServiceAccount is null)
        {
            await RefuseAsync(http, "identity", 403, "Forbidden", $"identity: user \"{caller.Username}\" is not a ServiceAccount").ConfigureAwait(false);
            return;
        }

        var body = await ReadAsync(http, "identity", DistributionJson.Default.IdentityRequestBody).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        if (parts.ExternalIssuer?.Invoke() is { } issuer)
        {
            await IssueExternallyAsync(http, issuer, new WorkloadIdentity(options.TrustDomain, caller.Namespace, caller.ServiceAccount), body.Csr ?? "").ConfigureAwait(false);
            return;
        }

        if (parts.Authority() is not { } ca)
        {
            await RefuseAsync(http, "identity", 503, "Unavailable", "identity: Junction's CA is not loaded yet", TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            return;
        }

        IssuedCertificate issued;
        try
        {
            issued = ca.Sign(body.Csr ?? "", new WorkloadIdentity(ca.TrustDomain, caller.Namespace, caller.ServiceAccount), options.LeafLifetime);
        }
        catch (SigningRefusedException e)
        {
            await RefuseAsync(http, "identity", 400, "BadRequest", e.Message).ConfigureAwait(false);
            return;
        }

        await AnswerIdentityAsync(http, issued.CertificatePem, parts.TrustBundle() ?? ca.RootCertificatePem, issued.NotAfter).ConfigureAwait(false);
    }

    // cert-manager (or another issuer) signs; its refusal is the caller's fault, its failure is not.
    private async Task IssueExternallyAsync(HttpContext http, IWorkloadCertificateIssuer issuer, WorkloadIdentity identity, string csr)
    {
        IssuedWorkloadCertificate issued;
        try
        {
            issued = await issuer.IssueAsync(identity, csr, options.LeafLifetime, http.RequestAborted).ConfigureAwait(false);
        }
        catch (SigningRefusedException e)
        {
            await RefuseAsync(http, "identity", 400, "BadRequest", e.Message).ConfigureAwait(false);
            return;
        }
        catch (CertificateIssuanceException e)
        {
            await RefuseAsync(http, "identity", 503, "Unavailable", $"identity: issuer {issuer.Description}: {e.Message}", TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            return;
        }

        await AnswerIdentityAsync(http, issued.CertificateChainPem, issued.CaBundlePem, issued.NotAfter).ConfigureAwait(false);
    }

    private async Task AnswerIdentityAsync(HttpContext http, string certificatePem, string caBundlePem, DateTimeOffset notAfter)
    {
        var answer = new IdentityResponseBody(
            certificatePem,
            caBundlePem,
            notAfter.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        Count("identity", 200);
        await http.Response.WriteAsJsonAsync(answer, DistributionJson.Default.IdentityResponseBody, cancellationToken: http.RequestAborted).ConfigureAwait(false);
    }

    private async Task ConfigAsync(HttpContext http)
    {
        var query = http.Request.Query;
        var caller = await AuthenticateAsync(http, "config", query["instance"].ToString()).ConfigureAwait(false);
        if (caller is null || await ProxyOfAsync(http, "config", caller, query["proxy"].ToString(), query["instance"].ToString()).ConfigureAwait(false) is not { } target)
        {
            return;
        }

        var (proxy, _) = target;
        var wait = options.DefaultWait;
        if (query["wait"].ToString() is { Length: > 0 } waitText)
        {
            if (!int.TryParse(waitText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                await RefuseAsync(http, "config", 400, "BadRequest", $"wait: \"{waitText}\" is not a whole number of seconds").ConfigureAwait(false);
                return;
            }

            wait = TimeSpan.FromSeconds(Math.Min(seconds, options.MaxWait.TotalSeconds));
        }

        string slot;
        if (proxy.Kind == ProxyKind.Gateway)
        {
            slot = ProxyAddress.Format(proxy);
        }
        else if (SidecarLabels(caller, proxy, query["labels"].ToString()) is not { } labels)
        {
            await RefuseAsync(http, "config", 400, "BadRequest", $"labels: \"{query["labels"]}\" is not k=v,... with label keys and values").ConfigureAwait(false);
            return;
        }
        else if (parts.Sidecars.Prepare(proxy, labels) is { } prepared)
        {
            slot = prepared;
        }
        else
        {
            await RefuseAsync(http, "config", 429, "TooManyRequests", $"{ProxyAddress.Format(proxy)}: the operator holds as many distinct sidecar bundles as it may; retry later", TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            return;
        }

        await PollAsync(http, slot, query["have"].ToString(), wait).ConfigureAwait(false);
    }

    private async Task PollAsync(HttpContext http, string slot, string have, TimeSpan wait)
    {
        if (Interlocked.Increment(ref held) > options.MaxHeldPolls)
        {
            Interlocked.Decrement(ref held);
            await RefuseAsync(http, "config", 429, "TooManyRequests", $"config: {options.MaxHeldPolls.ToString(CultureInfo.InvariantCulture)} polls are held already; retry later", TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            return;
        }

        metrics.HeldPolls.WithLabels().Inc();
        try
        {
            var deadline = time.GetUtcNow() + wait;
            while (true)
            {
                var watch = parts.Store.Watch(slot);
                if (watch.Current is { } bundle && bundle.Hash != have)
                {
                    await SendAsync(http, bundle).ConfigureAwait(false);
                    return;
                }

                var remaining = deadline - time.GetUtcNow();
                if (remaining <= TimeSpan.Zero)
                {
                    Count("config", 304);
                    http.Response.StatusCode = StatusCodes.Status304NotModified;
                    return;
                }

                using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
                await Task.WhenAny(watch.Next, Task.Delay(remaining, time, stop.Token)).ConfigureAwait(false);
                await stop.CancelAsync().ConfigureAwait(false);
                if (http.RequestAborted.IsCancellationRequested)
                {
                    return;
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref held);
            metrics.HeldPolls.WithLabels().Dec();
        }
    }

    private async Task SendAsync(HttpContext http, ProxyBundle bundle)
    {
        parts.Ledger.Record(bundle.Proxy, bundle.Hash, bundle.Generations);
        var body = new BundleBody(
            ProxyAddress.Format(bundle.Proxy),
            bundle.Hash,
            bundle.Generations.Select(g => new GenerationBody(g.Namespace, g.Name, g.Generation)).ToList(),
            bundle.Files.Select(f => new FileBody(f.Name, f.Text)).ToList());
        Count("config", 200);
        await http.Response.WriteAsJsonAsync(body, DistributionJson.Default.BundleBody, cancellationToken: http.RequestAborted).ConfigureAwait(false);
    }

    private async Task StatusAsync(HttpContext http)
    {
        var caller = await AuthenticateAsync(http, "status", instance: null).ConfigureAwait(false);
        if (caller is null)
        {
            return;
        }

        var body = await ReadAsync(http, "status", DistributionJson.Default.StatusRequestBody).ConfigureAwait(false);
        if (body is null || await ProxyOfAsync(http, "status", caller, body.Proxy, body.Instance).ConfigureAwait(false) is not { } target)
        {
            return;
        }

        var (proxy, instance) = target;
        if (!Hash(body.Running) || !Hash(body.Attempted))
        {
            await RefuseAsync(http, "status", 400, "BadRequest", "running, attempted: a bundle hash is 16 hex digits or null").ConfigureAwait(false);
            return;
        }

        var error = body.Error is { Length: > 0 } text && text.Length > options.MaxErrorLength ? text[..options.MaxErrorLength] : body.Error;
        if (parts.Registry.Record(proxy, instance, body.Running, body.Attempted, error))
        {
            DistributionLog.Nack(logger, ProxyAddress.Format(proxy), instance, body.Attempted, body.Running, error);
        }

        Count("status", 204);
        http.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    // The proxy the request names, authorized for the caller, and the instance it reports for; null after a refusal was sent.
    private async Task<(ProxyKey Proxy, string Instance)?> ProxyOfAsync(HttpContext http, string endpoint, ProxyCaller caller, string? proxyText, string? instanceText)
    {
        if (!parts.Serving())
        {
            await RefuseAsync(http, endpoint, 503, "Unavailable", $"{endpoint}: this operator replica does not lead; retry, another one serves", TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            return null;
        }

        if (ProxyAddress.Parse(proxyText) is not { } proxy)
        {
            await RefuseAsync(http, endpoint, 400, "BadRequest", $"proxy: \"{proxyText}\" is not gateway/<namespace>/<name> or sidecar/<namespace>/<serviceaccount>").ConfigureAwait(false);
            return null;
        }

        if (parts.Authorizer.Refusal(caller, proxy) is { } refusal)
        {
            await RefuseAsync(http, endpoint, 403, "Forbidden", refusal).ConfigureAwait(false);
            return null;
        }

        var instance = instanceText is { Length: > 0 } given ? given : caller.PodName;
        if (instance is null || instance.Length > 253)
        {
            await RefuseAsync(http, endpoint, 400, "BadRequest", "instance: the pod name is missing or longer than 253 characters").ConfigureAwait(false);
            return null;
        }

        if (ProxyAuthorizer.InstanceRefusal(caller, instance) is { } wrongPod)
        {
            await RefuseAsync(http, endpoint, 403, "Forbidden", $"{ProxyAddress.Format(proxy)}: {wrongPod}").ConfigureAwait(false);
            return null;
        }

        return (proxy, instance);
    }

    // The pod's own labels when the token names a pod the cache knows, else the query's (sidecars without bound tokens).
    private IReadOnlyDictionary<string, string>? SidecarLabels(ProxyCaller caller, ProxyKey proxy, string query)
    {
        if (caller.PodName is { } pod && parts.View.PodLabels(proxy.Namespace, pod) is { } labels)
        {
            return labels;
        }

        var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || pair.Length > 317 || !parsed.TryAdd(pair[..eq], pair[(eq + 1)..]))
            {
                return null;
            }
        }

        return parsed.Count <= 64 ? parsed : null;
    }

    private async Task<ProxyCaller?> AuthenticateAsync(HttpContext http, string endpoint, string? instance)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || header.Length <= 7)
        {
            await RefuseAsync(http, endpoint, 401, "Unauthorized", $"{endpoint}: no bearer token; send the pod's projected ServiceAccount token (audience junction)").ConfigureAwait(false);
            return null;
        }

        TokenReviewResult result;
        try
        {
            result = await parts.Reviewer.ReviewAsync(header[7..].Trim(), http.RequestAborted).ConfigureAwait(false);
        }
        catch (TokenReviewUnavailableException e)
        {
            DistributionLog.ReviewFailed(logger, e.Message);
            await RefuseAsync(http, endpoint, 503, "Unavailable", $"{endpoint}: the token could not be reviewed now; retry", TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            return null;
        }

        if (result is not TokenAccepted { Caller: var caller })
        {
            await RefuseAsync(http, endpoint, 401, "Unauthorized", $"{endpoint}: the token was refused: {((TokenRefused)result).Reason}").ConfigureAwait(false);
            return null;
        }

        // Per pod where the token names it; a claimed instance only separates pods of one ServiceAccount without bound tokens.
        var key = caller.Username + "/" + (caller.PodName ?? instance ?? "");
        if (!parts.Limiter.TryAcquire(key, out var retryAfter))
        {
            await RefuseAsync(http, endpoint, 429, "TooManyRequests", $"{endpoint}: {caller.Username} sends more than {options.RatePerSecond.ToString(CultureInfo.InvariantCulture)} requests a second", retryAfter).ConfigureAwait(false);
            return null;
        }

        return caller;
    }

    private async Task<T?> ReadAsync<T>(HttpContext http, string endpoint, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync(http.Request.Body, type, http.RequestAborted).ConfigureAwait(false);
            if (body is not null)
            {
                return body;
            }
        }
        catch (JsonException e)
        {
            await RefuseAsync(http, endpoint, 400, "BadRequest", $"{endpoint}: the body is not the expected JSON: {e.Message}").ConfigureAwait(false);
            return null;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await RefuseAsync(http, endpoint, 413, "PayloadTooLarge", $"{endpoint}: the body is larger than {options.MaxRequestBodyBytes.ToString(CultureInfo.InvariantCulture)} bytes").ConfigureAwait(false);
            return null;
        }

        await RefuseAsync(http, endpoint, 400, "BadRequest", $"{endpoint}: the body is empty").ConfigureAwait(false);
        return null;
    }

    private async Task RefuseAsync(HttpContext http, string endpoint, int status, string error, string message, TimeSpan? retryAfter = null)
    {
        Count(endpoint, status);
        DistributionLog.Refused(logger, http.Request.Path, status, message);
        http.Response.StatusCode = status;
        if (retryAfter is { } after)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await http.Response.WriteAsJsonAsync(new ProblemBody(error, message), DistributionJson.Default.ProblemBody, cancellationToken: http.RequestAborted).ConfigureAwait(false);
    }

    private void Count(string endpoint, int status) =>
        metrics.ConfigRequests.WithLabels(endpoint, status.ToString(CultureInfo.InvariantCulture)).Inc();

    private static bool Hash(string? hash) => hash is null || (hash.Length == 16 && hash.All(char.IsAsciiHexDigitLower));
}
