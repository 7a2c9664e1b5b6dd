using Junction.Ir;
using Junction.Translation;

namespace Junction.Mesh.Sidecar;

/// <summary>What a workload's sidecar translates to.</summary>
/// <param name="Config">The sidecar IR.</param>
/// <param name="Problems">References of the concerned policies that do not resolve, as (policy namespace/name, problem).</param>
internal sealed record SidecarTranslation(SidecarConfig Config, IReadOnlyList<(string Policy, ReferenceProblem Problem)> Problems);
