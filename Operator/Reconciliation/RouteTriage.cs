using System.Globalization;
using System.Text.RegularExpressions;
using Junction.Api.V1Alpha1;
using Junction.Validation;
using k8s;

namespace Junction.Reconciliation;

/// <summary>
/// Separates a partially invalid policy (only some routes are wrong) from an invalid one, so the
/// valid routes keep serving traffic while the invalid ones are reported.
/// </summary>
internal static partial class RouteTriage
{
    /// <summary>
    /// The indexes of the invalid routes when every error lies inside a route and at least one
    /// route is valid; otherwise empty (nothing can be salvaged, or nothing needs to be).
    /// </summary>
    public static IReadOnlyList<int> DroppableRoutes(ValidationReport report, TrafficPolicy policy)
    {
        var routeCount = policy.Spec.Routes?.Count ?? 0;
        var indexes = new SortedSet<int>();
        foreach (var error in report.Errors)
        {
            var match = RoutePath().Match(error.Path);
            if (!match.Success)
            {
                return [];
            }

            indexes.Add(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        return indexes.Count > 0 && indexes.Count < routeCount ? indexes.ToList() : [];
    }

    /// <summary>A copy of the policy without the routes at <paramref name="indexes"/>.</summary>
    public static TrafficPolicy WithoutRoutes(TrafficPolicy policy, IReadOnlyList<int> indexes)
    {
        var copy = KubernetesJson.Deserialize<TrafficPolicy>(KubernetesJson.Serialize(policy));
        copy.Spec.Routes = copy.Spec.Routes?.Where((_, i) => !indexes.Contains(i)).ToList();
        return copy;
    }

    [GeneratedRegex(@"^spec\.routes\[(\d+)\]")]
    private static partial Regex RoutePath();
}
