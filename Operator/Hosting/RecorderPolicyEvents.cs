using Junction.Api.V1Alpha1;
using Junction.Reconciliation;
using Junction.Runtime.Events;

namespace Junction.Hosting;

/// <summary>Condition transitions as Events through the runtime's recorder (which aggregates repeats).</summary>
internal sealed class RecorderPolicyEvents(IEventRecorder recorder) : IPolicyEvents
{
    /// <inheritdoc />
    public void Record(TrafficPolicy policy, ConditionTransition transition)
    {
        var type = transition.IsWarning ? EventTypes.Warning : EventTypes.Normal;
        var message = $"{transition.Type} is {transition.Status}: {transition.Message}";

        // The recorder never throws and logs its own failures; the reconcile does not wait for the write.
        _ = recorder.EventAsync(policy, type, transition.Reason, message);
    }
}
