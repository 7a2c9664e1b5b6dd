using System.Text.Json.Nodes;
using Junction.ApiServer.Semantics;
using Junction.ApiServer.Store;

namespace Junction.ApiServer;

/// <summary>
/// Plays the controllers this server does not run (deployment controller, ingress controller, any status
/// writer): each call writes status through the status subresource, as those controllers would.
/// </summary>
public sealed class ClusterSimulator
{
    private readonly ResourceService service;
    private readonly Clock clock;

    internal ClusterSimulator(ResourceService service, Clock clock)
    {
        this.service = service;
        this.clock = clock;
    }

    /// <summary>Marks a Deployment's rollout complete: all replicas ready, updated and available; Available and Progressing True.</summary>
    public JsonObject CompleteDeploymentRollout(string ns, string name) =>
        service.UpdateStatus(Deployments, ns, name, "kube-controller-manager", d =>
        {
            var replicas = d["spec"]?["replicas"]?.Long() ?? 1;
            var status = Status(d, replicas);
            status["readyReplicas"] = replicas;
            status["updatedReplicas"] = replicas;
            status["availableReplicas"] = replicas;
            status.Remove("unavailableReplicas");
            SetCondition(status, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.");
            SetCondition(status, "Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{name}-{ReplicaSetHash(d)}\" has successfully progressed.");
        });

    /// <summary>Marks a Deployment's rollout failed: no replica ready, Progressing False with ProgressDeadlineExceeded, Available False.</summary>
    public JsonObject FailDeploymentRollout(string ns, string name) =>
        service.UpdateStatus(Deployments, ns, name, "kube-controller-manager", d =>
        {
            var replicas = d["spec"]?["replicas"]?.Long() ?? 1;
            var status = Status(d, replicas);
            status["updatedReplicas"] = replicas;
            status["readyReplicas"] = 0;
            status["availableReplicas"] = 0;
            status["unavailableReplicas"] = replicas;
            SetCondition(status, "Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.");
            SetCondition(status, "Progressing", "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{name}-{ReplicaSetHash(d)}\" has timed out progressing.");
        });

    /// <summary>Gives an Ingress a load-balancer address, as an ingress controller publishes it.</summary>
    public JsonObject AssignIngressAddress(string ns, string name, string ipOrHostname)
    {
        var type = service.TypeOf("networking.k8s.io/v1", "ingresses");
        var isIp = System.Net.IPAddress.TryParse(ipOrHostname, out _);
        return service.UpdateStatus(type, ns, name, "ingress-controller", ing =>
            ing["status"] = new JsonObject
            {
                ["loadBalancer"] = new JsonObject
                {
                    ["ingress"] = new JsonArray(new JsonObject { [isIp ? "ip" : "hostname"] = ipOrHostname }),
                },
            });
    }

    /// <summary>Sets (or replaces by type) a condition in status.conditions of any object, e.g. Ready on a custom resource.</summary>
    public JsonObject SetCondition(string apiVersion, string plural, string ns, string name, string type, string status, string reason, string message) =>
        service.UpdateStatus(service.TypeOf(apiVersion, plural), ns, name, "junction-simulator", obj =>
        {
            if (obj["status"] is not JsonObject s)
            {
                s = new JsonObject();
                obj["status"] = s;
            }

            SetCondition(s, type, status, reason, message, obj["metadata"]?["generation"]?.Long());
        });

    /// <summary>Changes the status of any object with <paramref name="mutate"/>, through the status subresource when it has one.</summary>
    public JsonObject UpdateStatus(string apiVersion, string plural, string ns, string name, Action<JsonObject> mutate) =>
        service.UpdateStatus(service.TypeOf(apiVersion, plural), ns, name, "junction-simulator", mutate);

    private ResourceType Deployments => service.TypeOf("apps/v1", "deployments");

    private static JsonObject Status(JsonObject d, long replicas)
    {
        var status = new JsonObject
        {
            ["observedGeneration"] = d["metadata"]?["generation"]?.Long() ?? 1,
            ["replicas"] = replicas,
        };
        if (d["status"]?["conditions"] is JsonArray conditions)
        {
            status["conditions"] = conditions.DeepClone();
        }

        d["status"] = status;
        return status;
    }

    private void SetCondition(JsonObject status, string type, string value, string reason, string message, long? observedGeneration = null)
    {
        if (status["conditions"] is not JsonArray conditions)
        {
            conditions = new JsonArray();
            status["conditions"] = conditions;
        }

        var now = clock.Now();
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type);
        var transition = existing?["status"]?.GetValue<string>() == value ? existing["lastTransitionTime"]?.GetValue<string>() ?? now : now;
        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = value,
            ["lastUpdateTime"] = now,
            ["lastTransitionTime"] = transition,
            ["reason"] = reason,
            ["message"] = message,
        };
        if (observedGeneration is { } g)
        {
            condition.Remove("lastUpdateTime");
            condition["observedGeneration"] = g;
        }

        if (existing is not null)
        {
            conditions[conditions.IndexOf(existing)] = condition;
        }
        else
        {
            conditions.Add(condition);
        }
    }

    private static string ReplicaSetHash(JsonObject deployment)
    {
        var template = deployment["spec"]?["template"]?.ToJsonString() ?? string.Empty;
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(template));
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return new string(hash.Take(10).Select(b => alphabet[b % alphabet.Length]).ToArray());
    }
}
