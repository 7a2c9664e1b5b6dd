using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Junction.ApiServer.Patching;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Webhooks;

/// <summary>
/// Calls admission webhooks as kube-apiserver does, from inside the write pipeline: the matching
/// mutating webhooks one after another (configurations by name, webhooks in order), their JSONPatch
/// responses applied and the object defaulted and validated again; an IfNeeded webhook once more when a
/// later one changed the object; then the matching validating webhooks in parallel. The store's lock is
/// left while webhooks are called; an UPDATE or DELETE whose object changed meanwhile is a Conflict.
/// </summary>
internal sealed class WebhookDispatcher(ObjectStore store, RandomNumberGenerator random)
{
    private const string Mutating = "mutatingwebhookconfigurations.admissionregistration.k8s.io";
    private const string Validating = "validatingwebhookconfigurations.admissionregistration.k8s.io";

    /// <summary>
    /// Runs admission for one write; the caller holds the store's lock. Returns the object as the
    /// mutating webhooks left it (the same instance when none changed it).
    /// </summary>
    /// <param name="request">The write.</param>
    /// <param name="warnings">Receives the webhooks' warnings.</param>
    /// <param name="revalidate">Defaults and validates a mutated object again, as after any change.</param>
    public JsonObject? Admit(AdmissionAttributes request, List<string> warnings, Action<JsonObject>? revalidate)
    {
        if (request.Exempt)
        {
            return request.Object;
        }

        var mutating = Webhooks(Mutating, request);
        var validating = Webhooks(Validating, request);
        if (mutating.Count == 0 && validating.Count == 0)
        {
            return request.Object;
        }

        var ns = request.Type.Namespaced ? store.Get("namespaces", string.Empty, request.Namespace) : null;
        var current = request;
        if (mutating.Count > 0 && request.Object is not null && request.Operation is "CREATE" or "UPDATE")
        {
            JsonObject mutated;
            using (new GateRelease(store.Gate))
            {
                mutated = Mutate(request, mutating, ns, warnings).GetAwaiter().GetResult();
            }

            if (!ReferenceEquals(mutated, request.Object))
            {
                revalidate?.Invoke(mutated);
                current = request with { Object = mutated };
            }
        }
        else if (mutating.Count > 0)
        {
            using (new GateRelease(store.Gate))
            {
                Mutate(request, mutating, ns, warnings).GetAwaiter().GetResult();
            }
        }

        if (validating.Count > 0)
        {
            using (new GateRelease(store.Gate))
            {
                Validate(current, validating, ns, warnings).GetAwaiter().GetResult();
            }
        }

        RequireUnchanged(request);
        return current.Object;
    }

    // Rules and targets are read while the lock is held; selectors are checked against the object each webhook sees.
    private List<(WebhookSpec Spec, WebhookTarget? Target, string? Error)> Webhooks(string key, AdmissionAttributes request) =>
        store.List(key, null).OrderBy(Meta.Name, StringComparer.Ordinal)
            .SelectMany(WebhookSpec.From)
            .Where(w => WebhookRules.Match(w, request))
            .Select(w =>
            {
                var (target, error) = ServiceResolver.Resolve(w, store);
                return (w, target, error);
            })
            .ToList();

    private async Task<JsonObject> Mutate(AdmissionAttributes request, List<(WebhookSpec Spec, WebhookTarget? Target, string? Error)> webhooks, JsonObject? ns, List<string> warnings)
    {
        var obj = request.Object;
        var seen = new List<(int Index, string Output)>();
        for (var i = 0; i < webhooks.Count; i++)
        {
            obj = await CallOne(request with { Object = obj }, webhooks[i], ns, warnings, mutating: true).ConfigureAwait(false) ?? obj;
            if (obj is not null)
            {
                seen.Add((i, obj.ToJsonString()));
            }
        }

        // reinvocationPolicy IfNeeded: once more, for each such webhook whose output a later one changed.
        if (obj is not null)
        {
            foreach (var (index, output) in seen.Where(s => webhooks[s.Index].Spec.ReinvokeIfNeeded).ToList())
            {
                if (obj.ToJsonString() != output)
                {
                    obj = await CallOne(request with { Object = obj }, webhooks[index], ns, warnings, mutating: true).ConfigureAwait(false) ?? obj;
                }
            }
        }

        return obj ?? request.Object!;
    }

    private async Task Validate(AdmissionAttributes request, List<(WebhookSpec Spec, WebhookTarget? Target, string? Error)> webhooks, JsonObject? ns, List<string> warnings)
    {
        var results = webhooks.Select(async w =>
        {
            var own = new List<string>();
            try
            {
                await CallOne(request, w, ns, own, mutating: false).ConfigureAwait(false);
                return (Warnings: own, Error: (Exception?)null);
            }
            catch (ApiException e)
            {
                return (Warnings: own, Error: e);
            }
        }).ToList();
        var done = await Task.WhenAll(results).ConfigureAwait(false);
        foreach (var r in done)
        {
            warnings.AddRange(r.Warnings);
        }

        if (done.Select(r => r.Error).FirstOrDefault(e => e is not null) is { } first)
        {
            throw first;
        }
    }

    /// <summary>Calls one webhook if its selectors match; returns the patched object, or null when it did not change it.</summary>
    private async Task<JsonObject?> CallOne(AdmissionAttributes request, (WebhookSpec Spec, WebhookTarget? Target, string? Error) webhook, JsonObject? ns, List<string> warnings, bool mutating)
    {
        var (spec, target, resolveError) = webhook;
        if (!WebhookSelectors.Match(spec, request, _ => ns))
        {
            return null;
        }

        if (request.DryRun && !spec.SupportsDryRun)
        {
            throw WebhookFailures.DryRunUnsupported(spec.Name);
        }

        if (target is null)
        {
            return Failed(spec, $"failed to call webhook: {resolveError}");
        }

        var uid = Uid();
        var (review, error) = await WebhookCaller.Call(spec, target, Review(request, uid)).ConfigureAwait(false);
        if (error is not null)
        {
            return Failed(spec, error.StartsWith("received invalid", StringComparison.Ordinal) ? error : $"failed to call webhook: {error}");
        }

        if (review!["response"] is not JsonObject response)
        {
            return Failed(spec, "received invalid webhook response: webhook response was absent");
        }

        var answered = response["uid"]?.GetValue<string>() ?? string.Empty;
        if (answered != uid)
        {
            return Failed(spec, $"expected response.uid=\"{uid}\", got \"{answered}\"");
        }

        warnings.AddRange((response["warnings"] as JsonArray)?.Select(w => w?.GetValue<string>()).OfType<string>() ?? []);
        if (response["allowed"]?.GetValue<bool>() != true)
        {
            throw WebhookFailures.Denied(spec.Name, response["status"] as JsonObject);
        }

        if (!mutating || response["patch"]?.GetValue<string>() is not { Length: > 0 } patch || request.Object is null)
        {
            return null;
        }

        var patchType = response["patchType"]?.GetValue<string>() ?? string.Empty;
        if (patchType != "JSONPatch")
        {
            return Failed(spec, $"unsupported patch type \"{patchType}\"");
        }

        try
        {
            var operations = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(patch))) as JsonArray
                ?? throw new FormatException("the patch is not a JSON array");
            return JsonPatch.Apply(request.Object.DeepClone(), operations) as JsonObject
                ?? throw new FormatException("the patched object is not an object");
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or ApiException or InvalidOperationException)
        {
            return Failed(spec, $"JSON patch could not be applied: {e.Message}");
        }
    }

    private static JsonObject? Failed(WebhookSpec spec, string reason) =>
        spec.FailOpen ? null : throw WebhookFailures.CallFailed(spec.Name, reason);

    private void RequireUnchanged(AdmissionAttributes request)
    {
        if (request.OldObject is not { } old)
        {
            return;
        }

        var now = store.Get(request.Type.Key, Meta.Namespace(old), Meta.Name(old)) ?? throw Errors.NotFound(request.Type, Meta.Name(old));
        if (Meta.ResourceVersion(now) != Meta.ResourceVersion(old))
        {
            throw Errors.Conflict(request.Type, Meta.Name(old));
        }
    }

    private static JsonObject Review(AdmissionAttributes r, string uid)
    {
        var kind = new JsonObject { ["group"] = r.Type.Group, ["version"] = r.Type.Version, ["kind"] = r.Type.Kind };
        var resource = new JsonObject { ["group"] = r.Type.Group, ["version"] = r.Type.Version, ["resource"] = r.Type.Plural };
        var request = new JsonObject
        {
            ["uid"] = uid,
            ["kind"] = kind,
            ["resource"] = resource,
        };
        if (r.SubResource.Length > 0)
        {
            request["subResource"] = r.SubResource;
        }

        request["requestKind"] = kind.DeepClone();
        request["requestResource"] = resource.DeepClone();
        if (r.SubResource.Length > 0)
        {
            request["requestSubResource"] = r.SubResource;
        }

        request["name"] = r.Name;
        if (r.Namespace.Length > 0)
        {
            request["namespace"] = r.Namespace;
        }

        request["operation"] = r.Operation;
        // This server authenticates nobody and allows everything: every request is the cluster admin's.
        request["userInfo"] = new JsonObject { ["username"] = "kubernetes-admin", ["groups"] = new JsonArray("system:masters", "system:authenticated") };
        request["object"] = Versioned(r.Type, r.Object);
        request["oldObject"] = Versioned(r.Type, r.OldObject);
        request["dryRun"] = r.DryRun;
        request["options"] = r.Options.DeepClone();
        return new JsonObject { ["kind"] = "AdmissionReview", ["apiVersion"] = "admission.k8s.io/v1", ["request"] = request };
    }

    private static JsonObject? Versioned(ResourceType type, JsonObject? obj)
    {
        if (obj is null)
        {
            return null;
        }

        var copy = obj.DeepClone().AsObject();
        copy["apiVersion"] = type.ApiVersion;
        copy["kind"] = type.Kind;
        return copy;
    }

    private string Uid()
    {
        var bytes = new byte[16];
        lock (random)
        {
            random.GetBytes(bytes);
        }

        return new Guid(bytes).ToString();
    }
}
