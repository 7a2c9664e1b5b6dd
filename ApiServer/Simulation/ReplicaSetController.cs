using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Simulation;

/// <summary>
/// kube's replicaset controller: creates pods from the template (named &lt;replicaset&gt;-&lt;5 random
/// characters&gt;, owned by the ReplicaSet) until spec.replicas exist, deletes the surplus (pending pods
/// first, then the newest), and reports replicas, ready and available counts. A pod the API refuses (an
/// admission webhook denying it, say) becomes the ReplicaFailure condition with reason FailedCreate.
/// </summary>
internal sealed class ReplicaSetController(ControllerClient client, RandomSuffix names)
{
    private const string Manager = "kube-controller-manager";

    public void Reconcile(JsonObject rs, IReadOnlyList<JsonObject> pods)
    {
        if (Meta.IsDeleting(rs))
        {
            return;
        }

        var owned = ControllerClient.OwnedBy(rs, pods).Where(p => !Meta.IsDeleting(p) && !Finished(p)).ToList();
        var desired = ControllerClient.Long(rs["spec"]?["replicas"], 1);
        string? failure = null;
        for (var i = owned.Count; i < desired; i++)
        {
            try
            {
                owned.Add(client.Create(client.Pods, Meta.Namespace(rs), PodFor(rs), Manager));
            }
            catch (ApiException e)
            {
                failure = e.Message;
                break;
            }
        }

        foreach (var surplus in owned.OrderBy(p => IsReady(p) ? 1 : 0).ThenByDescending(p => Meta.Str(p, "creationTimestamp")).ThenByDescending(Meta.Name, StringComparer.Ordinal).Take(Math.Max(0, owned.Count - (int)desired)).ToList())
        {
            client.Delete(client.Pods, surplus);
            owned.Remove(surplus);
        }

        client.UpdateStatus(client.ReplicaSets, rs, Manager, r => WriteStatus(r, owned, failure));
    }

    public static bool IsReady(JsonObject pod) => Conditions.IsTrue(pod, "Ready");

    private static bool Finished(JsonObject pod) => pod["status"]?["phase"]?.GetValue<string>() is "Succeeded" or "Failed";

    private JsonObject PodFor(JsonObject rs)
    {
        var template = rs["spec"]?["template"] as JsonObject ?? new JsonObject();
        var metadata = template["metadata"]?.DeepClone().AsObject() ?? new JsonObject();
        metadata["name"] = $"{Meta.Name(rs)}-{names.Next()}";
        metadata["generateName"] = $"{Meta.Name(rs)}-";
        metadata["namespace"] = Meta.Namespace(rs);
        metadata["ownerReferences"] = ControllerClient.OwnerReference("apps/v1", "ReplicaSet", rs);
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = template["spec"]?.DeepClone() ?? new JsonObject(),
        };
    }

    private void WriteStatus(JsonObject rs, List<JsonObject> pods, string? failure)
    {
        var previous = rs["status"] as JsonObject;
        var ready = pods.Count(IsReady);
        var status = new JsonObject { ["replicas"] = pods.Count };
        if (pods.Count > 0)
        {
            status["fullyLabeledReplicas"] = pods.Count;
        }

        if (ready > 0)
        {
            status["readyReplicas"] = ready;
            status["availableReplicas"] = ready;
        }

        status["observedGeneration"] = Meta.Generation(rs);
        if (previous?["conditions"] is JsonArray conditions)
        {
            status["conditions"] = conditions.DeepClone();
        }

        if (failure is not null)
        {
            Conditions.Set(status, "ReplicaFailure", "True", "FailedCreate", failure, client.Now, false);
        }
        else if (pods.Count == ControllerClient.Long(rs["spec"]?["replicas"], 1))
        {
            Conditions.Remove(status, "ReplicaFailure");
        }

        if (status["conditions"] is JsonArray { Count: 0 })
        {
            status.Remove("conditions");
        }

        rs["status"] = status;
    }
}
