using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Simulation;

/// <summary>
/// The scheduler and the kubelet of one simulated node: a pod is bound to the node, reported Pending
/// (ContainerCreating) until the start delay has passed since its creation, then Running with an IP,
/// conditions and container statuses; a Job's pod then succeeds (its containers terminated with exit
/// code 0) one delay later. Nothing runs: the images are never pulled and the IPs never answer.
/// </summary>
internal sealed class Kubelet(ControllerClient client, PodAddresses addresses, TimeSpan startDelay)
{
    private const string Manager = "kubelet";

    /// <summary>Brings a pod one step further; returns when it next has something to do, if ever.</summary>
    public DateTimeOffset? Reconcile(JsonObject pod)
    {
        if (Meta.IsDeleting(pod))
        {
            return null;
        }

        if (string.IsNullOrEmpty(pod["spec"]?["nodeName"]?.GetValue<string>()))
        {
            // The scheduler's binding; the pod's status follows on the next pass.
            client.Patch(client.Pods, pod, new JsonObject { ["spec"] = new JsonObject { ["nodeName"] = PodAddresses.NodeName } }, "default-scheduler");
            return client.Clock.UtcNow;
        }

        var now = client.Clock.UtcNow;
        var phase = pod["status"]?["phase"]?.GetValue<string>();
        var created = Parse(Meta.Str(pod, "creationTimestamp")) ?? now;
        switch (phase)
        {
            case null or "" or "Pending":
                if (now < created + startDelay)
                {
                    if (phase is null or "")
                    {
                        client.UpdateStatus(client.Pods, pod, Manager, p => Pending(p));
                    }

                    return created + startDelay;
                }

                client.UpdateStatus(client.Pods, pod, Manager, Running);
                return ControllerClient.ControllerKind(pod) == "Job" ? now + startDelay : null;
            case "Running" when ControllerClient.ControllerKind(pod) == "Job":
                var started = Parse(pod["status"]?["startTime"]?.GetValue<string>()) ?? created;
                if (now < started + startDelay)
                {
                    return started + startDelay;
                }

                client.UpdateStatus(client.Pods, pod, Manager, Succeeded);
                return null;
            default:
                return null;
        }
    }

    private void Pending(JsonObject pod)
    {
        var now = client.Now;
        var status = new JsonObject
        {
            ["phase"] = "Pending",
            ["conditions"] = new JsonArray(Condition("PodScheduled", "True", now)),
            ["hostIP"] = PodAddresses.HostIp,
            ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = PodAddresses.HostIp }),
            ["startTime"] = now,
            ["qosClass"] = QosClass(pod),
        };
        status["containerStatuses"] = new JsonArray(Containers(pod, "containers").Select(c => (JsonNode?)new JsonObject
        {
            ["name"] = c["name"]?.DeepClone(),
            ["image"] = c["image"]?.DeepClone(),
            ["imageID"] = string.Empty,
            ["ready"] = false,
            ["restartCount"] = 0,
            ["started"] = false,
            ["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } },
            ["lastState"] = new JsonObject(),
        }).ToArray());
        pod["status"] = status;
    }

    private void Running(JsonObject pod)
    {
        var now = client.Now;
        var startTime = pod["status"]?["startTime"]?.GetValue<string>() ?? now;
        var ip = pod["status"]?["podIP"]?.GetValue<string>() ?? addresses.Allocate();
        var status = new JsonObject
        {
            ["phase"] = "Running",
            ["conditions"] = new JsonArray(
                Condition("PodReadyToStartContainers", "True", now),
                Condition("Initialized", "True", now),
                Condition("Ready", "True", now),
                Condition("ContainersReady", "True", now),
                Condition("PodScheduled", "True", Scheduled(pod) ?? now)),
            ["hostIP"] = PodAddresses.HostIp,
            ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = PodAddresses.HostIp }),
            ["podIP"] = ip,
            ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = ip }),
            ["startTime"] = startTime,
            ["qosClass"] = QosClass(pod),
        };
        var init = Containers(pod, "initContainers").ToList();
        if (init.Count > 0)
        {
            // A native sidecar (restartPolicy Always) keeps running; any other init container ran to completion.
            status["initContainerStatuses"] = new JsonArray(init.Select(c => (JsonNode?)(c["restartPolicy"]?.GetValue<string>() == "Always"
                ? ContainerStatus(pod, c, Running(startTime), ready: true, started: true)
                : ContainerStatus(pod, c, Terminated(startTime, now), ready: true, started: false))).ToArray());
        }

        status["containerStatuses"] = new JsonArray(Containers(pod, "containers").Select(c => (JsonNode?)ContainerStatus(pod, c, Running(now), ready: true, started: true)).ToArray());
        pod["status"] = status;
    }

    private void Succeeded(JsonObject pod)
    {
        var now = client.Now;
        var status = pod["status"]!.AsObject();
        status["phase"] = "Succeeded";
        status["conditions"] = new JsonArray(
            Condition("PodReadyToStartContainers", "False", now),
            Condition("Initialized", "True", Transition(pod, "Initialized") ?? now, "PodCompleted"),
            Condition("Ready", "False", now, "PodCompleted"),
            Condition("ContainersReady", "False", now, "PodCompleted"),
            Condition("PodScheduled", "True", Scheduled(pod) ?? now));
        var started = status["startTime"]?.GetValue<string>() ?? now;
        status["containerStatuses"] = new JsonArray(Containers(pod, "containers").Select(c => (JsonNode?)ContainerStatus(pod, c, Terminated(started, now), ready: false, started: false)).ToArray());
    }

    private static JsonObject ContainerStatus(JsonObject pod, JsonObject container, JsonObject state, bool ready, bool started)
    {
        var image = NormalizedImage(container["image"]?.GetValue<string>() ?? string.Empty);
        var name = container["name"]?.GetValue<string>() ?? string.Empty;
        return new JsonObject
        {
            ["name"] = name,
            ["state"] = state,
            ["lastState"] = new JsonObject(),
            ["ready"] = ready,
            ["restartCount"] = 0,
            ["image"] = image,
            ["imageID"] = $"{Repository(image)}@sha256:{Hex(image)}",
            ["containerID"] = $"containerd://{Hex(Meta.Uid(pod) + "/" + name)}",
            ["started"] = started,
        };
    }

    private static JsonObject Running(string since) => new() { ["running"] = new JsonObject { ["startedAt"] = since } };

    private static JsonObject Terminated(string started, string finished) => new()
    {
        ["terminated"] = new JsonObject { ["exitCode"] = 0, ["reason"] = "Completed", ["startedAt"] = started, ["finishedAt"] = finished },
    };

    private static JsonObject Condition(string type, string status, string time, string? reason = null)
    {
        var c = new JsonObject { ["type"] = type, ["status"] = status, ["lastProbeTime"] = null, ["lastTransitionTime"] = time };
        if (reason is not null)
        {
            c["reason"] = reason;
        }

        return c;
    }

    private static string? Scheduled(JsonObject pod) => Transition(pod, "PodScheduled");

    private static string? Transition(JsonObject pod, string type) =>
        (pod["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type)?["lastTransitionTime"]?.GetValue<string>();

    private static IEnumerable<JsonObject> Containers(JsonObject pod, string list) => (pod["spec"]?[list] as JsonArray)?.OfType<JsonObject>() ?? [];

    private static string QosClass(JsonObject pod)
    {
        var resources = Containers(pod, "containers").Select(c => c["resources"] as JsonObject).ToList();
        return resources.All(r => r?["requests"] is not JsonObject { Count: > 0 } && r?["limits"] is not JsonObject { Count: > 0 }) ? "BestEffort" : "Burstable";
    }

    // containerd reports docker.io/library/nginx:latest for "nginx".
    private static string NormalizedImage(string image)
    {
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? string.Empty : image[..slash];
        var named = slash < 0 ? $"docker.io/library/{image}"
            : first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost" ? image : $"docker.io/{image}";
        var last = named[(named.LastIndexOf('/') + 1)..];
        return last.Contains(':', StringComparison.Ordinal) || last.Contains('@', StringComparison.Ordinal) ? named : named + ":latest";
    }

    private static string Repository(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return image[..at];
        }

        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? image[..colon] : image;
    }

    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static DateTimeOffset? Parse(string? timestamp) =>
        DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
