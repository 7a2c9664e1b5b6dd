using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Junction.Injection;

/// <summary>
/// The webhook's handler: AdmissionReview v1 in, AdmissionReview v1 out, with a JSON Patch for a
/// pod that gets the sidecar. A body that is no AdmissionReview is a 400 with the reason as text
/// (the API server then applies failurePolicy and shows the text); a pod that asks for something
/// injection cannot do is refused inside a 200 review, as kube-apiserver expects.
/// </summary>
internal sealed class InjectionWebhook(InjectionOptions options, INamespaceLabels namespaces, ILogger<InjectionWebhook> logger)
{
    /// <summary>The answer to one POST body.</summary>
    public WebhookAnswer Review(ReadOnlySpan<byte> body)
    {
        if (AdmissionRequest.Parse(body, out var error) is not { } request)
        {
            InjectionLog.BadReview(logger, error!);
            return new WebhookAnswer(400, "text/plain; charset=utf-8", "junction sidecar injector: " + error + "\n");
        }

        var outcome = Decide(request);
        var pod = $"{request.Namespace}/{Name(request.Object)}";
        switch (outcome)
        {
            case InjectionPatch:
                InjectionLog.Injected(logger, pod, options.NativeSidecar ? "native" : "container");
                break;
            case InjectionSkipped skipped:
                InjectionLog.Skipped(logger, pod, skipped.Reason);
                break;
            case InjectionRefused refused:
                InjectionLog.Refused(logger, pod, refused.Message);
                break;
        }

        return new WebhookAnswer(200, "application/json", Response(request.Uid, outcome).ToJsonString());
    }

    private InjectionOutcome Decide(AdmissionRequest request)
    {
        // The webhook configuration routes pod creations only; anything else passes untouched.
        if (request.Resource != "/v1/pods" || request.SubResource.Length > 0 || request.Operation != "CREATE")
        {
            return new InjectionSkipped($"{request.Operation} of {request.Resource} {request.SubResource} is not a pod creation");
        }

        if (request.Object is null)
        {
            return new InjectionRefused("the AdmissionReview of a pod creation carries no object");
        }

        V1Pod pod;
        try
        {
            pod = KubernetesJson.Deserialize<V1Pod>(request.Object.ToJsonString());
        }
        catch (JsonException e)
        {
            return new InjectionRefused("the pod cannot be read: " + e.Message);
        }

        return SidecarInjector.Decide(pod, request.Namespace, namespaces.InjectionEnabled(request.Namespace), options);
    }

    private static JsonObject Response(string uid, InjectionOutcome outcome)
    {
        var response = new JsonObject { ["uid"] = uid, ["allowed"] = outcome is not InjectionRefused };
        switch (outcome)
        {
            case InjectionPatch patch:
                response["patchType"] = "JSONPatch";
                response["patch"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(patch.Operations.ToJsonString()));
                break;
            case InjectionRefused refused:
                response["status"] = new JsonObject
                {
                    ["code"] = 400,
                    ["reason"] = "BadRequest",
                    ["message"] = "junction sidecar injector: " + refused.Message,
                };
                break;
        }

        return new JsonObject { ["apiVersion"] = AdmissionRequest.ApiVersion, ["kind"] = "AdmissionReview", ["response"] = response };
    }

    // A pod of a ReplicaSet has only generateName when it is admitted.
    private static string Name(JsonObject? pod)
    {
        var meta = pod?["metadata"] as JsonObject;
        return Text(meta, "name") ?? (Text(meta, "generateName") is { } prefix ? prefix + "*" : "?");
    }

    private static string? Text(JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
