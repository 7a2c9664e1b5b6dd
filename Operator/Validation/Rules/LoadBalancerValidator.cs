using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>spec.loadBalancer: consistentHash goes with algorithm ConsistentHash and only with it.</summary>
internal sealed class LoadBalancerValidator : JsonValidator<LoadBalancer>
{
    public LoadBalancerValidator()
    {
        Field(l => l.ConsistentHash).SetValidator(new ConsistentHashValidator()!);
        Check((lb, report) =>
        {
            if (lb.Algorithm == "ConsistentHash" && lb.ConsistentHash is null)
            {
                report.Error("consistentHash", "is required when algorithm is ConsistentHash");
            }
            else if (lb.Algorithm != "ConsistentHash" && lb.ConsistentHash is not null)
            {
                report.Error("consistentHash", $"is only used with algorithm ConsistentHash, not {lb.Algorithm ?? "RoundRobin (the default)"}");
            }
        });
    }
}
