using System.Diagnostics;
using CsCheck;
using Junction.Api.V1Alpha1;
using Junction.HAProxy;
using Junction.Ir;
using Junction.Manifests;
using Junction.Translation;
using Junction.Validation;
using Xunit;
using Xunit.Abstractions;

namespace Junction.Tests.HAProxy;

/// <summary>
/// The property behind "validation accepts exactly what HAProxy loads", proven on generated input:
/// every policy that validation accepts renders a config the real haproxy -c loads. Policies go
/// in batches (one config, one port each) because one haproxy -c costs ~64 ms; a failing batch is
/// bisected to the one policy that breaks it.
/// </summary>
public sealed class GeneratedPolicyConfigTests(ITestOutputHelper output)
{
    private const string FixedSeed = "0N0XIzNsQ0O2";
    private const int BatchSize = 110;
    private const int Batches = 20;
    private const int MinimumValid = 2000;

    [SkippableFact]
    public void ValidGeneratedPolicies_FixedSeed_EveryConfigLoads() => Run(FixedSeed);

    [SkippableFact]
    public void ValidGeneratedPolicies_RandomSeed_EveryConfigLoads() => Run(null);

    private void Run(string? seed)
    {
        Skip.IfNot(HAProxyProcess.Installed, "haproxy is not on PATH");
        var valid = 0;
        var rejected = new List<string>();
        var clock = Stopwatch.StartNew();
        GeneratedPolicyGen.Spec.Array[BatchSize].Sample(
            specs =>
            {
                var policies = Accepted(specs, rejected);
                Interlocked.Add(ref valid, policies.Count);
                if (Failure(policies) is { } failure)
                {
                    throw new Xunit.Sdk.XunitException(failure);
                }
            },
            seed: seed,
            iter: Batches,
            threads: 2,
            print: specs => specs.Length + " specs");
        output.WriteLine($"{valid} valid policies loaded in haproxy -c in {clock.Elapsed.TotalSeconds:F1}s; {rejected.Count} generated ones were invalid");
        foreach (var reason in rejected.Take(5))
        {
            output.WriteLine("invalid: " + reason);
        }

        Assert.True(valid >= MinimumValid, $"only {valid} generated policies were valid (need {MinimumValid}); first rejections:\n{string.Join("\n", rejected.Take(10))}");
    }

    // The policies validation accepts, each with its own name; the others are noted and left out.
    private static List<(string Yaml, TrafficPolicy Policy)> Accepted(string[] specs, List<string> rejected)
    {
        var accepted = new List<(string, TrafficPolicy)>();
        for (var i = 0; i < specs.Length; i++)
        {
            var yaml = GeneratedPolicyGen.Document("p" + i, specs[i]);
            var document = ManifestReader.ReadText(new StringReader(yaml), "generated").Single();
            var report = document.Object is TrafficPolicy p ? PolicyValidation.Validate(p) : null;
            if (document.Error is not null || report is null || report.Errors.Count > 0)
            {
                lock (rejected)
                {
                    rejected.Add((document.Error ?? string.Join("; ", report!.Errors.Select(e => e.Path + ": " + e.Message))) + "\n" + yaml);
                }

                continue;
            }

            accepted.Add((yaml, (TrafficPolicy)document.Object!));
        }

        return accepted;
    }

    // Null when the batch loads; otherwise the smallest failing set found by bisection, with haproxy's words.
    private static string? Failure(List<(string Yaml, TrafficPolicy Policy)> policies)
    {
        if (Check(policies) is not { } error)
        {
            return null;
        }

        var culprit = policies;
        while (culprit.Count > 1)
        {
            var half = culprit.Count / 2;
            var first = culprit[..half];
            var second = culprit[half..];
            if (Check(first) is { } e1)
            {
                (culprit, error) = (first, e1);
            }
            else if (Check(second) is { } e2)
            {
                (culprit, error) = (second, e2);
            }
            else
            {
                break; // only together: report the pair of halves as they are
            }
        }

        return $"haproxy -c refused the config of {culprit.Count} valid polic{(culprit.Count == 1 ? "y" : "ies")}:\n{error}\n{string.Join("\n---\n", culprit.Select(c => c.Yaml))}";
    }

    private static string? Check(List<(string Yaml, TrafficPolicy Policy)> policies)
    {
        var fragments = new List<ProxyFragment>();
        for (var i = 0; i < policies.Count; i++)
        {
            var options = TranslatorOptions.Default with { ListenPort = 10000 + i };
            var result = PolicyTranslator.Translate(policies[i].Policy, TranslationContext.Empty(options, assumeMissingServices: true));
            if (result.Fragment.Mode == ProxyMode.Gateway)
            {
                fragments.Add(result.Fragment);
            }
        }

        var config = HAProxyConfigWriter.Write(fragments, PolicyTranslator.GlobalOptions(TranslatorOptions.Default));
        // Beside the files the config loads from its own directory (the Lua of faults and mirrors).
        var directory = Path.Combine(Path.GetTempPath(), $"junction-generated-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "haproxy.cfg");
        File.WriteAllText(path, config);
        foreach (var (file, text) in HAProxyAssets.Files(fragments))
        {
            File.WriteAllText(Path.Combine(directory, file), text);
        }

        try
        {
            var (exitCode, text) = HAProxyProcess.Check(path);
            var alerts = text.Split('\n').Where(l => l.Contains("[ALERT]", StringComparison.Ordinal)).ToList();
            if (exitCode == 0)
            {
                return null;
            }

            var lines = config.Split('\n');
            var quoted = alerts.Select(a => a + Offending(a, lines));
            return string.Join("\n", quoted.DefaultIfEmpty(text));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    // "parsing [file:123]" -> the config line itself, so the report shows what was written.
    private static string Offending(string alert, string[] lines)
    {
        var at = alert.IndexOf(".cfg:", StringComparison.Ordinal);
        if (at < 0)
        {
            return "";
        }

        var digits = new string(alert[(at + 5)..].TakeWhile(char.IsAsciiDigit).ToArray());
        return int.TryParse(digits, out var n) && n >= 1 && n <= lines.Length ? "\n    > " + lines[n - 1].Trim() : "";
    }
}
