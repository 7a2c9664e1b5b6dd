using Junction.Api.V1Alpha1;
using Junction.Reconciliation;
using Junction.Runtime.Events;

namespace Junction.Hosting;

/// <summary>Condition transitions as Events through the runtime's recorder (which aggregates repeats).</summary>
internal sealed class RecorderPolicyEvents(IEventRecorder recorder) : IPolicyEvents
{
    /// <inheritdoc />
    public Task RecordAsync(TrafficPolicy policy, ConditionTransition transition, CancellationToken cancellationToken)
    {
        var type = transition.IsWarning ? EventTypes.Warning : EventTypes.Normal;
        var message = $"{transition.Type} is {transition.Status}: {transition.Message}";

        // The recorder never throws: it logs a failed write, because an Event must never fail a reconcile.
        return recorder.EventAsync(policy, type, transition.Reason, message, cancellationToken);
    }
}
