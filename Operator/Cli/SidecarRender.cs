using Junction.Api.V1Alpha1;
using Junction.HAProxy;
using Junction.Manifests;
using Junction.Mesh.Sidecar;
using Junction.Translation;
using Junction.Validation;
using k8s.Models;

namespace Junction.Cli;

/// <summary>
/// render --sidecar: validates every policy of the input, translates the sidecar of one workload
/// and writes its bundle (haproxy.cfg and every file it references, nothing else) into a directory.
/// </summary>
internal static class SidecarRender
{
    /// <summary>The SPIFFE trust domain of rendered bundles.</summary>
    public const string TrustDomain = "cluster.local";

    public static async Task<int> RunAsync(SidecarArguments.Options options, IReadOnlyList<string> inputs, CliConsole console, CancellationToken cancellationToken)
    {
        var documents = inputs.SelectMany(input => ManifestReader.Read(input, console.In)).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        var (translation, problems) = Translate(options, documents);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await console.Error.WriteLineAsync(problem).ConfigureAwait(false);
            }

            return 1;
        }

        foreach (var notice in translation.Config.Notices)
        {
            await console.Error.WriteLineAsync("warning: " + notice).ConfigureAwait(false);
        }

        var bundle = Bundle(options, translation);
        Directory.CreateDirectory(options.OutputDirectory);
        foreach (var file in bundle.Files)
        {
            await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, file.Name), file.Text, cancellationToken).ConfigureAwait(false);
        }

        await console.Out.WriteLineAsync($"sidecar {options.Namespace}/{options.ServiceAccount}: bundle {bundle.Hash}, {bundle.Files.Count} files in {options.OutputDirectory}: {string.Join(" ", bundle.Files.Select(f => f.Name))}").ConfigureAwait(false);
        return 0;
    }

    /// <summary>Validates every policy of the documents and translates the sidecar; problems are whole lines for standard error.</summary>
    public static (SidecarTranslation Translation, List<string> Problems) Translate(SidecarArguments.Options options, IReadOnlyList<ManifestDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(documents);
        var problems = new List<string>();
        var policies = new List<TrafficPolicy>();
        foreach (var document in documents)
        {
            if (document.Error is not null)
            {
                problems.AddRange(document.Error.Split('\n').Select(line => $"{document.Location}: {line}"));
                continue;
            }

            if (document.Object is not TrafficPolicy policy)
            {
                continue;
            }

            var report = PolicyValidation.Validate(policy);
            problems.AddRange(report.Errors.Select(e => $"{document.Location}: {e}"));
            if (report.IsValid)
            {
                policies.Add(policy);
            }
        }

        var objects = documents.Select(d => d.Object).OfType<object>().ToList();
        var services = objects.OfType<V1Service>().ToList();
        var workloads = objects.Select(ServingWorkload.From).OfType<ServingWorkload>().ToList();
        // Without --pod-labels, the pods of a workload of the input that runs as this account.
        var labels = options.PodLabels ?? workloads
            .FirstOrDefault(w => w.Namespace == options.Namespace && w.ServiceAccount == options.ServiceAccount)?.Labels
            ?? new Dictionary<string, string>();
        var translation = SidecarTranslator.Translate(
            new SidecarRequest(options.Namespace, options.ServiceAccount, labels),
            new SidecarInputs(policies, services, workloads, AssumeMissingServices: true),
            TranslatorOptionsOf(options),
            TrustDomain);
        problems.AddRange(translation.Problems.Select(p => $"{p.Policy}: {p.Problem.Message} ({p.Problem.Reason})"));
        return (translation, problems);
    }

    /// <summary>The bundle of a translated sidecar, with the paths and DNS servers of the options.</summary>
    public static SidecarBundle Bundle(SidecarArguments.Options options, SidecarTranslation translation)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(translation);
        return SidecarBundle.Build(translation.Config, new SidecarPaths(options.Root), PolicyTranslator.GlobalOptions(TranslatorOptionsOf(options)));
    }

    private static TranslatorOptions TranslatorOptionsOf(SidecarArguments.Options options) =>
        TranslatorOptions.Default with { DnsNameservers = options.Nameservers };
}
