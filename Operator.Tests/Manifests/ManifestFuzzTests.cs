using Junction.Api.V1Alpha1;
using Junction.Manifests;
using Junction.Tests.Validation;
using Junction.Validation;
using Xunit;

namespace Junction.Tests.Manifests;

/// <summary>Truncated and garbled variants of a valid policy: every one is read and validated without an exception escaping.</summary>
public sealed class ManifestFuzzTests
{
    private const int Variants = 400;
    private const string Noise = ":{}[]-,\n \"'&*!|>%@\t#?0~";

    [Fact]
    public void ReadAndValidate_GarbledPolicies_NeverThrow()
    {
        var random = new Random(20261126);
        var source = TestPolicies.DesignExample;
        int policies = 0, errors = 0;
        for (var i = 0; i < Variants; i++)
        {
            var text = Garble(source, random);
            foreach (var document in ManifestReader.ReadText(new StringReader(text), $"variant-{i}"))
            {
                if (document.Object is TrafficPolicy policy)
                {
                    policies++;
                    _ = PolicyValidation.Validate(policy);
                }
                else if (document.Error is not null)
                {
                    errors++;
                    Assert.DoesNotContain("   at ", document.Error, StringComparison.Ordinal);
                }
            }
        }

        // Both paths must have been exercised for the test to mean anything.
        Assert.True(policies > 20, $"only {policies} variants parsed");
        Assert.True(errors > 20, $"only {errors} variants were rejected");
    }

    private static string Garble(string text, Random random)
    {
        var chars = text.ToCharArray().ToList();
        switch (random.Next(4))
        {
            case 0:
                return text[..random.Next(text.Length)];
            case 1:
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    chars[random.Next(chars.Count)] = Noise[random.Next(Noise.Length)];
                }

                return new string(chars.ToArray());
            case 2:
                var lines = text.Split('\n').ToList();
                lines.RemoveAt(random.Next(lines.Count));
                return string.Join('\n', lines);
            default:
                var all = text.Split('\n').ToList();
                var at = random.Next(all.Count);
                all.Insert(random.Next(all.Count), new string(' ', random.Next(6)) + all[at].TrimStart());
                return string.Join('\n', all);
        }
    }
}
