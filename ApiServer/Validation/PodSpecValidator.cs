using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Validation;

/// <summary>
/// ValidatePodSpec for what is written by hand or by the operator: containers (required, unique
/// DNS-1123 names), init containers (names unique across both lists, probes only on restartable
/// ones), restart and DNS policies.
/// </summary>
internal static class PodSpecValidator
{
    private static readonly string[] RestartPolicies = ["Always", "Never", "OnFailure"];
    private static readonly string[] DnsPolicies = ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"];

    public static IEnumerable<FieldError> Validate(JsonObject? spec, string path)
    {
        var errors = new List<FieldError>();
        var containers = Json.Items(spec?["containers"]);
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (containers.Count == 0)
        {
            errors.Add(Problems.Required($"{path}.containers"));
        }

        for (var i = 0; i < containers.Count; i++)
        {
            var at = $"{path}.containers[{i}]";
            errors.AddRange(ContainerValidator.Common(containers[i], at));
            var name = Json.Str(containers[i]["name"]) ?? string.Empty;
            if (!names.Add(name))
            {
                errors.Add(Problems.Duplicate($"{at}.name", name));
            }

            errors.AddRange(ContainerValidator.Probes(containers[i], at));
            if (containers[i]["restartPolicy"] is not null)
            {
                errors.Add(Problems.Forbidden($"{at}.restartPolicy", "may not be set for non-init containers"));
            }
        }

        var inits = Json.Items(spec?["initContainers"]);
        for (var i = 0; i < inits.Count; i++)
        {
            var at = $"{path}.initContainers[{i}]";
            var init = inits[i];
            errors.AddRange(ContainerValidator.Common(init, at));
            var name = Json.Str(init["name"]) ?? string.Empty;
            if (!names.Add(name))
            {
                errors.Add(Problems.Duplicate($"{at}.name", name));
            }

            var restart = Json.Str(init["restartPolicy"]);
            if (restart == "Always")
            {
                errors.AddRange(ContainerValidator.Probes(init, at));
            }
            else
            {
                if (restart is not null)
                {
                    errors.Add(Problems.NotSupported($"{at}.restartPolicy", restart, ["Always"]));
                }

                foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
                {
                    if (init[probe] is not null)
                    {
                        errors.Add(Problems.Forbidden($"{at}.{probe}", "may not be set for init containers without restartPolicy=Always"));
                    }
                }
            }
        }

        if (Json.Str(spec?["restartPolicy"]) is { } policy && !RestartPolicies.Contains(policy))
        {
            errors.Add(Problems.NotSupported($"{path}.restartPolicy", policy, RestartPolicies));
        }

        if (Json.Str(spec?["dnsPolicy"]) is { } dns && !DnsPolicies.Contains(dns))
        {
            errors.Add(Problems.NotSupported($"{path}.dnsPolicy", dns, DnsPolicies));
        }

        if (Json.Int(spec?["activeDeadlineSeconds"]) is <= 0 and var deadline)
        {
            errors.Add(Problems.Invalid($"{path}.activeDeadlineSeconds", deadline, "must be between 1 and 2147483647, inclusive"));
        }

        return errors;
    }
}
