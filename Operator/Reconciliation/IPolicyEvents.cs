using Junction.Api.V1Alpha1;

namespace Junction.Reconciliation;

/// <summary>Where condition transitions go as Kubernetes Events on the policy.</summary>
internal interface IPolicyEvents
{
    /// <summary>Records one transition: Normal when the condition turned True, Warning otherwise. Never throws.</summary>
    Task RecordAsync(TrafficPolicy policy, ConditionTransition transition, CancellationToken cancellationToken);
}
