using Junction.Api.V1Alpha1;
using Junction.Manifests;
using Junction.Translation;
using Junction.Validation;
using k8s.Models;

namespace Junction.Cli;

/// <summary>
/// junction render -f &lt;file|dir|-&gt; [--haproxy]: prints what the operator would create for the
/// policies, with no cluster. Services in the input supply ports and selectors; missing ones are assumed.
/// </summary>
internal sealed class RenderCommand : ICommand
{
    private const string Usage = "render -f <file|dir|-> [-f ...] [--haproxy | --sidecar <namespace>/<serviceaccount> [--pod-labels k=v,...] --output-dir <dir> [--root <dir>] [--nameserver <ip:port> ...]]";

    public string Name => "render";

    public string Summary => "print the objects a policy becomes: " + Usage;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        var split = SidecarArguments.Split(args);
        if (split.Error is not null)
        {
            await console.Error.WriteLineAsync("junction render: " + split.Error).ConfigureAwait(false);
            return 1;
        }

        var parsed = InputArguments.Parse(split.Rest, Usage, "--haproxy");
        if (parsed is null)
        {
            await console.Out.WriteLineAsync("Usage: junction " + Usage).ConfigureAwait(false);
            await console.Out.WriteLineAsync("Prints the desired objects as multi-document YAML; --haproxy prints only each gateway's haproxy.cfg.").ConfigureAwait(false);
            await console.Out.WriteLineAsync("--sidecar writes the bundle the sidecar of that workload runs into --output-dir: haproxy.cfg and every file it").ConfigureAwait(false);
            await console.Out.WriteLineAsync("  references (maps, spiffe.lua). --pod-labels are the pod's labels (default: the pod template of a Deployment,").ConfigureAwait(false);
            await console.Out.WriteLineAsync("  StatefulSet or Pod in the input running as that service account); --root prefixes every absolute path in the").ConfigureAwait(false);
            await console.Out.WriteLineAsync("  config, so the bundle runs outside a container; --nameserver (repeatable) is the DNS server for endpoints.").ConfigureAwait(false);
            await console.Out.WriteLineAsync("Nothing is printed to standard output when any input is invalid; problems go to standard error and the exit code is 1.").ConfigureAwait(false);
            return 0;
        }

        if (split.Sidecar is { } sidecar)
        {
            if (parsed.Flags.Contains("--haproxy"))
            {
                await console.Error.WriteLineAsync("junction render: --haproxy and --sidecar exclude each other").ConfigureAwait(false);
                return 1;
            }

            return await SidecarRender.RunAsync(sidecar, parsed.Inputs, console, cancellationToken).ConfigureAwait(false);
        }

        if (split.Error is null && split.SidecarOnly is { } only)
        {
            await console.Error.WriteLineAsync($"junction render: {only} needs --sidecar <namespace>/<serviceaccount>").ConfigureAwait(false);
            return 1;
        }

        var documents = parsed.Inputs.SelectMany(input => ManifestReader.Read(input, console.In)).ToList();
        var problems = new List<string>();
        var rendered = new List<(TrafficPolicy Policy, TranslationResult Result)>();
        foreach (var document in documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = Render(document, documents, problems, console.Error);
            if (result is not null)
            {
                rendered.Add(((TrafficPolicy)document.Object!, result));
            }
        }

        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await console.Error.WriteLineAsync(problem).ConfigureAwait(false);
            }

            return 1;
        }

        if (rendered.Count == 0)
        {
            await console.Error.WriteLineAsync("no TrafficPolicy in the input").ConfigureAwait(false);
            return 1;
        }

        var output = parsed.Flags.Contains("--haproxy") ? HAProxyText(rendered) : ObjectsYaml.Serialize(rendered.SelectMany(r => r.Result.Objects));
        await console.Out.WriteAsync(output).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Validates and translates one document; null (with problems noted) when it cannot be rendered or is not a policy.</summary>
    private static TranslationResult? Render(ManifestDocument document, IReadOnlyList<ManifestDocument> all, List<string> problems, TextWriter warnings)
    {
        if (document.Error is not null)
        {
            problems.AddRange(document.Error.Split('\n').Select(line => $"{document.Location}: {line}"));
            return null;
        }

        if (document.Object is not TrafficPolicy policy)
        {
            return null;
        }

        var report = PolicyValidation.Validate(policy);
        problems.AddRange(report.Errors.Select(e => $"{document.Location}: {e}"));
        foreach (var warning in report.Warnings.Concat(report.IsValid ? EnforcementGaps.Of(policy) : []))
        {
            warnings.WriteLine($"{document.Location}: warning: {warning}");
        }

        if (!report.IsValid)
        {
            return null;
        }

        var result = PolicyTranslator.Translate(policy, Context(policy, all));
        problems.AddRange(result.Problems.Select(p => $"{document.Location}: {p.Message} ({p.Reason})"));
        return result.Problems.Count == 0 ? result : null;
    }

    /// <summary>The input's Services of the policy's namespace; the rest are assumed to exist.</summary>
    private static TranslationContext Context(TrafficPolicy policy, IReadOnlyList<ManifestDocument> all)
    {
        var ns = policy.Metadata.NamespaceProperty ?? "default";
        var services = new Dictionary<string, V1Service>(StringComparer.Ordinal);
        foreach (var service in all.Select(d => d.Object).OfType<V1Service>())
        {
            if ((service.Metadata?.NamespaceProperty ?? "default") == ns && service.Metadata?.Name is { } name)
            {
                services[name] = service;
            }
        }

        // Whether a backend is meshed: the Sidecar-mode policies and workloads of the input, as the operator reads them from its caches.
        var policies = all.Select(d => d.Object).OfType<TrafficPolicy>().ToList();
        var workloads = all.Select(d => d.Object).OfType<object>().Select(Mesh.Sidecar.ServingWorkload.From).OfType<Mesh.Sidecar.ServingWorkload>().ToList();
        var mesh = Mesh.Gateway.GatewayMeshing.Neighbourhood(ns, policy.Metadata.Name ?? "", policies, name => services.GetValueOrDefault(name), workloads, SidecarRender.TrustDomain);
        return TranslationContext.Empty(assumeMissingServices: true) with { Services = services, Mesh = mesh };
    }

    private static string HAProxyText(IEnumerable<(TrafficPolicy Policy, TranslationResult Result)> rendered)
    {
        var text = new System.Text.StringBuilder();
        foreach (var (policy, result) in rendered)
        {
            var id = $"{policy.Metadata.NamespaceProperty ?? "default"}/{policy.Metadata.Name}";
            text.Append("# ---- ").Append(id).Append(" ----\n");
            text.Append(result.HAProxyConfig ?? $"# {id} runs no gateway proxy (proxy.mode {policy.Spec.Proxy?.Mode})\n");
        }

        return text.ToString();
    }
}
