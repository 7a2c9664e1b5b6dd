using Junction.Api.V1Alpha1;
using Junction.Manifests;
using Junction.Validation;
using Xunit;

namespace Junction.Tests.Validation;

/// <summary>
/// testdata/invalid/*.yaml: each file breaks one rule and says where, in a first line
/// "# expect: &lt;field path&gt;" and optionally "# message: &lt;substring&gt;".
/// </summary>
public sealed class InvalidCorpusTests
{
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "testdata", "invalid");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Fact]
    public void Corpus_HasAtLeastSeventyCases()
    {
        Assert.True(Cases().Count >= 70, $"only {Cases().Count} cases in {Directory}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void InvalidPolicy_ReportsExactlyTheExpectedPath(string name)
    {
        var file = Path.Combine(Directory, name + ".yaml");
        var lines = File.ReadAllLines(file);
        Assert.StartsWith("# expect: ", lines[0], StringComparison.Ordinal);
        var expected = lines[0]["# expect: ".Length..];
        var message = lines[1].StartsWith("# message: ", StringComparison.Ordinal) ? lines[1]["# message: ".Length..] : null;

        var problems = Problems(file);

        Assert.Equal([expected], problems.Select(p => p.Path).Distinct());
        if (message is not null)
        {
            Assert.Contains(problems, p => p.Message.Contains(message, StringComparison.Ordinal));
        }
    }

    /// <summary>The reader's problems when it rejects the file, else the validator's errors.</summary>
    private static List<FieldProblem> Problems(string file)
    {
        var document = Assert.Single(ManifestReader.ReadPath(file));
        if (document.Error is not null)
        {
            return document.Error.Split('\n').Select(line =>
            {
                var colon = line.IndexOf(": ", StringComparison.Ordinal);
                Assert.True(colon > 0, $"reader error without a path: {line}");
                return new FieldProblem(line[..colon], line[(colon + 2)..]);
            }).ToList();
        }

        var policy = Assert.IsType<TrafficPolicy>(document.Object);
        return PolicyValidation.Validate(policy).Errors.ToList();
    }
}
