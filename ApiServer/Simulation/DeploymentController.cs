using System.Globalization;
using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Simulation;

/// <summary>
/// kube's deployment controller, reduced to what clients observe: one ReplicaSet per pod template, named
/// &lt;deployment&gt;-&lt;pod-template-hash&gt; and numbered by the revision annotation; a template change
/// (or a rollback to an older template) makes that ReplicaSet the new one and scales the others to zero;
/// old ReplicaSets beyond revisionHistoryLimit are deleted; status and the Available/Progressing
/// conditions are computed from the ReplicaSets with kube's reasons and messages.
/// </summary>
internal sealed class DeploymentController(ControllerClient client)
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    private const string Manager = "kube-controller-manager";
    private static readonly string[] ControllerAnnotations =
    [
        RevisionAnnotation, "deployment.kubernetes.io/revision-history", "deployment.kubernetes.io/desired-replicas",
        "deployment.kubernetes.io/max-replicas", "kubectl.kubernetes.io/last-applied-configuration",
    ];

    public void Reconcile(JsonObject deployment, IReadOnlyList<JsonObject> replicaSets)
    {
        if (Meta.IsDeleting(deployment))
        {
            return;
        }

        var spec = deployment["spec"] as JsonObject ?? new JsonObject();
        var desired = ControllerClient.Long(spec["replicas"], 1);
        var owned = ControllerClient.OwnedBy(deployment, replicaSets).ToList();
        var template = spec["template"] as JsonObject;
        var current = owned.FirstOrDefault(rs => PodTemplateHash.SameTemplate(rs["spec"]?["template"] as JsonObject, template));
        var maxRevision = owned.Select(Revision).DefaultIfEmpty(0).Max();
        var paused = spec["paused"]?.GetValue<bool>() == true;
        if (!paused)
        {
            if (current is null)
            {
                current = client.Create(client.ReplicaSets, Meta.Namespace(deployment), NewReplicaSet(deployment, desired, maxRevision + 1), Manager);
            }
            else
            {
                SyncReplicaSet(deployment, current, desired, maxRevision);
            }

            foreach (var old in owned.Where(rs => Meta.Uid(rs) != Meta.Uid(current) && ControllerClient.Long(rs["spec"]?["replicas"]) != 0))
            {
                client.Patch(client.ReplicaSets, old, new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 0 } }, Manager);
            }

            CleanUp(deployment, owned.Where(rs => Meta.Uid(rs) != Meta.Uid(current)).ToList());
        }

        client.UpdateStatus(client.Deployments, deployment, Manager, d => WriteStatus(d, owned, current, desired, paused));
    }

    private JsonObject NewReplicaSet(JsonObject deployment, long desired, long revision)
    {
        var spec = (JsonObject)deployment["spec"]!;
        var template = spec["template"]?.DeepClone().AsObject() ?? new JsonObject();
        var hash = PodTemplateHash.Of(spec["template"] as JsonObject, ControllerClient.Long(deployment["status"]?["collisionCount"]));
        ControllerClient.Obj(ControllerClient.Obj(template, "metadata"), "labels")[PodTemplateHash.Label] = hash;
        var selector = spec["selector"]?.DeepClone().AsObject() ?? new JsonObject();
        ControllerClient.Obj(selector, "matchLabels")[PodTemplateHash.Label] = hash;
        var annotations = CopiedAnnotations(deployment);
        annotations["deployment.kubernetes.io/desired-replicas"] = desired.ToString(CultureInfo.InvariantCulture);
        annotations["deployment.kubernetes.io/max-replicas"] = (desired + MaxSurge(spec, desired)).ToString(CultureInfo.InvariantCulture);
        annotations[RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture);
        var labels = template["metadata"]?["labels"]?.DeepClone() ?? new JsonObject();
        var rsSpec = new JsonObject { ["replicas"] = desired, ["selector"] = selector, ["template"] = template };
        if (spec["minReadySeconds"] is { } minReady)
        {
            rsSpec["minReadySeconds"] = minReady.DeepClone();
        }

        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{Meta.Name(deployment)}-{hash}",
                ["namespace"] = Meta.Namespace(deployment),
                ["labels"] = labels,
                ["annotations"] = annotations,
                ["ownerReferences"] = ControllerClient.OwnerReference("apps/v1", "Deployment", deployment),
            },
            ["spec"] = rsSpec,
        };
    }

    // The new ReplicaSet follows the Deployment's replicas and annotations; one that became new again
    // (kubectl rollout undo) takes the next revision, its old number kept in revision-history.
    private void SyncReplicaSet(JsonObject deployment, JsonObject current, long desired, long maxRevision)
    {
        var annotations = CopiedAnnotations(deployment);
        var existing = current["metadata"]?["annotations"] as JsonObject ?? new JsonObject();
        var revision = Revision(current);
        if (revision < maxRevision)
        {
            annotations[RevisionAnnotation] = (maxRevision + 1).ToString(CultureInfo.InvariantCulture);
            var history = existing["deployment.kubernetes.io/revision-history"]?.GetValue<string>();
            annotations["deployment.kubernetes.io/revision-history"] = string.IsNullOrEmpty(history) ? revision.ToString(CultureInfo.InvariantCulture) : $"{history},{revision}";
        }

        var spec = (JsonObject)deployment["spec"]!;
        annotations["deployment.kubernetes.io/desired-replicas"] = desired.ToString(CultureInfo.InvariantCulture);
        annotations["deployment.kubernetes.io/max-replicas"] = (desired + MaxSurge(spec, desired)).ToString(CultureInfo.InvariantCulture);
        var changed = new JsonObject();
        foreach (var (k, v) in annotations)
        {
            if (existing[k]?.GetValue<string>() != v?.GetValue<string>())
            {
                changed[k] = v?.DeepClone();
            }
        }

        var patch = new JsonObject();
        if (changed.Count > 0)
        {
            patch["metadata"] = new JsonObject { ["annotations"] = changed };
        }

        if (ControllerClient.Long(current["spec"]?["replicas"], 1) != desired)
        {
            patch["spec"] = new JsonObject { ["replicas"] = desired };
        }

        if (patch.Count > 0)
        {
            client.Patch(client.ReplicaSets, current, patch, Manager);
        }
    }

    private void CleanUp(JsonObject deployment, List<JsonObject> old)
    {
        var limit = ControllerClient.Long(deployment["spec"]?["revisionHistoryLimit"], 10);
        var idle = old.Where(rs => ControllerClient.Long(rs["spec"]?["replicas"]) == 0 && ControllerClient.Long(rs["status"]?["replicas"]) == 0 && !Meta.IsDeleting(rs))
            .OrderBy(Revision).ToList();
        foreach (var rs in idle.Take(Math.Max(0, idle.Count - (int)limit)))
        {
            client.Delete(client.ReplicaSets, rs);
        }
    }

    private void WriteStatus(JsonObject d, List<JsonObject> owned, JsonObject? current, long desired, bool paused)
    {
        var all = owned.Where(rs => current is null || Meta.Uid(rs) != Meta.Uid(current)).Append(current).OfType<JsonObject>().ToList();
        long Sum(string field) => all.Sum(rs => ControllerClient.Long(rs["status"]?[field]));
        var replicas = Sum("replicas");
        var updated = current is null ? 0 : ControllerClient.Long(current["status"]?["replicas"]);
        var ready = Sum("readyReplicas");
        var available = Sum("availableReplicas");
        var previous = d["status"] as JsonObject;
        var status = new JsonObject { ["observedGeneration"] = Meta.Generation(d) };
        Put(status, "replicas", replicas);
        Put(status, "updatedReplicas", updated);
        Put(status, "readyReplicas", ready);
        Put(status, "availableReplicas", available);
        Put(status, "unavailableReplicas", Math.Max(0, desired - available));
        if (previous?["conditions"] is JsonArray conditions)
        {
            status["conditions"] = conditions.DeepClone();
        }

        if (previous?["collisionCount"] is { } collisions)
        {
            status["collisionCount"] = collisions.DeepClone();
        }

        var now = client.Now;
        var spec = d["spec"] as JsonObject ?? new JsonObject();
        var minAvailable = desired - MaxUnavailable(spec, desired);
        if (available >= minAvailable)
        {
            Conditions.Set(status, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now, true);
        }
        else
        {
            Conditions.Set(status, "Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now, true);
        }

        var rsName = current is null ? string.Empty : Meta.Name(current);
        if (paused)
        {
            Conditions.Set(status, "Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", now, true);
        }
        else if (current is not null && updated == desired && replicas == desired && available == desired
            && ControllerClient.Long(current["status"]?["observedGeneration"]) >= Meta.Generation(current))
        {
            Conditions.Set(status, "Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{rsName}\" has successfully progressed.", now, true);
        }
        else if (current is not null)
        {
            Conditions.Set(status, "Progressing", "True", "ReplicaSetUpdated", $"ReplicaSet \"{rsName}\" is progressing.", now, true);
        }

        d["status"] = status;
    }

    private static void Put(JsonObject status, string field, long value)
    {
        // The Deployment's status fields are omitempty: zero is absent, as kubectl expects.
        if (value != 0)
        {
            status[field] = value;
        }
    }

    private static JsonObject CopiedAnnotations(JsonObject deployment)
    {
        var result = new JsonObject();
        if (deployment["metadata"]?["annotations"] is JsonObject annotations)
        {
            foreach (var (k, v) in annotations.Where(kv => !ControllerAnnotations.Contains(kv.Key)))
            {
                result[k] = v?.DeepClone();
            }
        }

        return result;
    }

    private static long Revision(JsonObject rs) =>
        long.TryParse(rs["metadata"]?["annotations"]?[RevisionAnnotation]?.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 0;

    private static long MaxSurge(JsonObject spec, long desired) =>
        spec["strategy"]?["type"]?.GetValue<string>() == "Recreate" ? 0 : Resolve(spec["strategy"]?["rollingUpdate"]?["maxSurge"], desired, roundUp: true);

    private static long MaxUnavailable(JsonObject spec, long desired) =>
        spec["strategy"]?["type"]?.GetValue<string>() == "Recreate" ? 0 : Resolve(spec["strategy"]?["rollingUpdate"]?["maxUnavailable"], desired, roundUp: false);

    // intstr: an integer, or a percentage of the replicas (surge rounds up, unavailable rounds down).
    private static long Resolve(JsonNode? value, long desired, bool roundUp)
    {
        if (value is JsonValue v && v.TryGetValue<string>(out var text) && text.EndsWith('%') && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent))
        {
            var exact = desired * percent / 100;
            return (long)(roundUp ? Math.Ceiling(exact) : Math.Floor(exact));
        }

        return ControllerClient.Long(value, 0);
    }
}
