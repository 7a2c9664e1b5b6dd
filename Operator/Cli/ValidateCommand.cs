using System.Globalization;
using Junction.Api.V1Alpha1;
using Junction.Manifests;
using Junction.Translation;
using Junction.Validation;
using k8s.Models;

namespace Junction.Cli;

/// <summary>junction validate -f &lt;file|dir|-&gt;: checks TrafficPolicy manifests with the operator's own rules.</summary>
internal sealed class ValidateCommand : ICommand
{
    public string Name => "validate";

    public string Summary => "check TrafficPolicy manifests: validate -f <file|dir|-> [-f ...]";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        var inputs = InputArguments.Parse(args, "validate -f <file|dir|-> [-f ...]")?.Inputs;
        if (inputs is null)
        {
            await console.Out.WriteLineAsync("Usage: junction validate -f <file|dir|-> [-f ...]").ConfigureAwait(false);
            await console.Out.WriteLineAsync("Checks every TrafficPolicy in the files (directories: their *.yaml, *.yml, *.json, not recursive; -: standard input).").ConfigureAwait(false);
            await console.Out.WriteLineAsync("Services (v1) in the input are checked against the policies' targetRef and backendRefs (warnings).").ConfigureAwait(false);
            await console.Out.WriteLineAsync("Problems go to standard error, the summary to standard output.").ConfigureAwait(false);
            await console.Out.WriteLineAsync("Exit 0 when all are valid (warnings allowed), 1 otherwise.").ConfigureAwait(false);
            return 0;
        }

        // Read everything first: Services anywhere in the input back the policies' references.
        var documents = inputs.SelectMany(input => ManifestReader.Read(input, console.In)).ToList();
        var services = documents.Select(d => d.Object).OfType<V1Service>().ToList();
        int valid = 0, invalid = 0, skipped = 0;
        foreach (var document in documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ok = await ReportAsync(document, services, console.Error).ConfigureAwait(false);
            if (document.Skipped)
            {
                skipped++;
            }
            else if (ok is true)
            {
                valid++;
            }
            else if (ok is false)
            {
                invalid++;
            }
        }

        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{valid} {(valid == 1 ? "policy" : "policies")} valid, {invalid} invalid{(skipped > 0 ? $", {skipped} other {(skipped == 1 ? "document" : "documents")} skipped" : "")}")).ConfigureAwait(false);
        return invalid == 0 ? 0 : 1;
    }

    /// <summary>Prints the document's problems; true for a valid policy, false for an invalid document, null for other objects.</summary>
    private static async Task<bool?> ReportAsync(ManifestDocument document, IReadOnlyCollection<V1Service> services, TextWriter error)
    {
        var where = document.Location;
        if (document.Error is not null)
        {
            foreach (var line in document.Error.Split('\n'))
            {
                await error.WriteLineAsync($"{where}: {line}").ConfigureAwait(false);
            }

            return false;
        }

        if (document.Object is not TrafficPolicy policy)
        {
            return null; // Services are read for context; they are Kubernetes' to validate
        }

        var report = PolicyValidation.Validate(policy);
        foreach (var problem in report.Errors)
        {
            await error.WriteLineAsync($"{where}: {problem}").ConfigureAwait(false);
        }

        foreach (var problem in report.Warnings.Concat(ServiceReferences.Check(policy, services)).Concat(report.IsValid ? EnforcementGaps.Of(policy) : []))
        {
            await error.WriteLineAsync($"{where}: warning: {problem}").ConfigureAwait(false);
        }

        return report.IsValid;
    }
}
