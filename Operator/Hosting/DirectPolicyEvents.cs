using Junction.Api.V1Alpha1;
using Junction.Reconciliation;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Junction.Hosting;

/// <summary>Writes condition transitions as core/v1 Events on the policy.</summary>
internal sealed class DirectPolicyEvents(IKubernetes client, TimeProvider time, ILogger logger) : IPolicyEvents
{
    /// <inheritdoc />
    public void Record(TrafficPolicy policy, ConditionTransition transition)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var ev = new Corev1Event
        {
            Metadata = new V1ObjectMeta { GenerateName = policy.Metadata.Name + ".", NamespaceProperty = policy.Metadata.NamespaceProperty },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = policy.ApiVersion,
                Kind = policy.Kind,
                Name = policy.Metadata.Name,
                NamespaceProperty = policy.Metadata.NamespaceProperty,
                Uid = policy.Metadata.Uid,
                ResourceVersion = policy.Metadata.ResourceVersion,
            },
            Type = transition.IsWarning ? "Warning" : "Normal",
            Reason = transition.Reason,
            Message = $"{transition.Type}={transition.Status}: {transition.Message}",
            Source = new V1EventSource { Component = "junction" },
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        _ = SendAsync(ev);
    }

    private async Task SendAsync(Corev1Event ev)
    {
        try
        {
            await client.CoreV1.CreateNamespacedEventAsync(ev, ev.Metadata.NamespaceProperty).ConfigureAwait(false);
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            // Events are best effort; a lost one never blocks reconciling.
            HostLog.EventDropped(logger, ev.InvolvedObject.NamespaceProperty, ev.InvolvedObject.Name, ev.Reason, e.Message);
        }
    }
}
