using Junction.Api.V1Alpha1;

namespace Junction.Reconciliation;

/// <summary>Where condition transitions go as Kubernetes Events on the policy.</summary>
internal interface IPolicyEvents
{
    /// <summary>Records one transition: Normal when the condition turned True, Warning otherwise.</summary>
    void Record(TrafficPolicy policy, ConditionTransition transition);
}
