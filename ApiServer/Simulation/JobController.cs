using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Simulation;

/// <summary>
/// kube's job controller for NonIndexed jobs: runs up to parallelism pods (labelled job-name and
/// controller-uid, owned by the Job) until completions pods succeeded, then marks the Job complete
/// (SuccessCriteriaMet and Complete, completionTime) as kube 1.31+ does. A suspended Job runs nothing.
/// </summary>
internal sealed class JobController(ControllerClient client, RandomSuffix names)
{
    private const string Manager = "kube-controller-manager";

    public void Reconcile(JsonObject job, IReadOnlyList<JsonObject> pods)
    {
        if (Meta.IsDeleting(job) || Conditions.IsTrue(job, "Complete") || Conditions.IsTrue(job, "Failed"))
        {
            return;
        }

        var spec = job["spec"] as JsonObject ?? new JsonObject();
        var owned = ControllerClient.OwnedBy(job, pods).Where(p => !Meta.IsDeleting(p)).ToList();
        var succeeded = owned.Count(p => Phase(p) == "Succeeded");
        var failed = owned.Count(p => Phase(p) == "Failed");
        var active = owned.Where(p => Phase(p) is not ("Succeeded" or "Failed")).ToList();
        var completions = ControllerClient.Long(spec["completions"], 1);
        var parallelism = ControllerClient.Long(spec["parallelism"], 1);
        var suspended = spec["suspend"]?.GetValue<bool>() == true;
        while (!suspended && active.Count < parallelism && active.Count + succeeded < completions)
        {
            try
            {
                active.Add(client.Create(client.Pods, Meta.Namespace(job), PodFor(job), Manager));
            }
            catch (ApiException)
            {
                // kube records a refused pod as an event and retries on the next sync; so does this loop.
                break;
            }
        }

        client.UpdateStatus(client.Jobs, job, Manager, j => WriteStatus(j, active, succeeded, failed, succeeded >= completions));
    }

    private static string Phase(JsonObject pod) => pod["status"]?["phase"]?.GetValue<string>() ?? "Pending";

    private JsonObject PodFor(JsonObject job)
    {
        var template = job["spec"]?["template"] as JsonObject ?? new JsonObject();
        var metadata = template["metadata"]?.DeepClone().AsObject() ?? new JsonObject();
        var labels = ControllerClient.Obj(metadata, "labels");
        labels["batch.kubernetes.io/controller-uid"] = Meta.Uid(job);
        labels["batch.kubernetes.io/job-name"] = Meta.Name(job);
        labels["controller-uid"] = Meta.Uid(job);
        labels["job-name"] = Meta.Name(job);
        metadata["name"] = $"{Meta.Name(job)}-{names.Next()}";
        metadata["generateName"] = $"{Meta.Name(job)}-";
        metadata["namespace"] = Meta.Namespace(job);
        metadata["ownerReferences"] = ControllerClient.OwnerReference("batch/v1", "Job", job);
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = template["spec"]?.DeepClone() ?? new JsonObject(),
        };
    }

    private void WriteStatus(JsonObject job, List<JsonObject> active, int succeeded, int failed, bool complete)
    {
        var previous = job["status"] as JsonObject;
        var now = client.Now;
        var status = new JsonObject { ["startTime"] = previous?["startTime"]?.DeepClone() ?? now };
        if (previous?["conditions"] is JsonArray conditions)
        {
            status["conditions"] = conditions.DeepClone();
        }

        if (!complete && active.Count > 0)
        {
            status["active"] = active.Count;
        }

        var ready = active.Count(ReplicaSetController.IsReady);
        status["ready"] = complete ? 0 : ready;
        status["terminating"] = 0;
        if (succeeded > 0)
        {
            status["succeeded"] = succeeded;
        }

        if (failed > 0)
        {
            status["failed"] = failed;
        }

        status["uncountedTerminatedPods"] = new JsonObject();
        if (complete)
        {
            Conditions.Set(status, "SuccessCriteriaMet", "True", "CompletionsReached", "Reached expected number of succeeded pods", now, false);
            Conditions.Set(status, "Complete", "True", "CompletionsReached", "Reached expected number of succeeded pods", now, false);
            status["completionTime"] = previous?["completionTime"]?.DeepClone() ?? now;
        }

        FixProbeTimes(status, now);
        job["status"] = status;
    }

    // Job conditions carry lastProbeTime too; it is set with the transition and kept after.
    private static void FixProbeTimes(JsonObject status, string now)
    {
        foreach (var c in (status["conditions"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            c["lastProbeTime"] ??= c["lastTransitionTime"]?.DeepClone() ?? now;
        }
    }
}
