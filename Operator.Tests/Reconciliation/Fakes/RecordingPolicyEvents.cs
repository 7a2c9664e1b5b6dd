using Junction.Api.V1Alpha1;
using Junction.Reconciliation;

namespace Junction.Tests.Reconciliation.Fakes;

/// <summary>Keeps every condition transition the reconciler announces.</summary>
internal sealed class RecordingPolicyEvents : IPolicyEvents
{
    public List<ConditionTransition> Recorded { get; } = [];

    public Task RecordAsync(TrafficPolicy policy, ConditionTransition transition, CancellationToken cancellationToken)
    {
        Recorded.Add(transition);
        return Task.CompletedTask;
    }
}
