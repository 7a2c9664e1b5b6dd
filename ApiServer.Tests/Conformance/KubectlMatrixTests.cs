using Xunit;

namespace Junction.ApiServer.Tests.Conformance;

/// <summary>
/// The kubectl matrix: every step of kubectl-matrix.txt runs the real kubectl against one embedded server,
/// in order, and must print what kubectl prints against a real cluster. Each step is one test case.
/// </summary>
[TestCaseOrderer(StepOrderer.Name, StepOrderer.Assembly)]
public sealed class KubectlMatrixTests(KubectlMatrixFixture fixture) : IClassFixture<KubectlMatrixFixture>
{
    public static TheoryData<int, string> Steps()
    {
        var data = new TheoryData<int, string>();
        foreach (var step in MatrixTranscript.Parse(File.ReadAllText(KubectlMatrixFixture.TranscriptPath)))
        {
            data.Add(step.Number, step.Line);
        }

        return data;
    }

    [Fact]
    public void Matrix_HasAtLeastOneHundredCommands() => Assert.True(fixture.Steps.Count >= 100, $"{fixture.Steps.Count} steps");

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task Step_PrintsWhatARealClusterPrints(int number, string command)
    {
        var step = fixture.Steps[number - 1];
        Assert.Equal(command, step.Line);
        foreach (var (name, content) in step.Files)
        {
            await File.WriteAllTextAsync(Path.Combine(fixture.WorkingDirectory, name), content);
        }

        var result = await Kubectl.Run(fixture.Kubeconfig, step.Arguments, fixture.WorkingDirectory, step.Environment);
        var failed = step.MustFail ? result.ExitCode == 0 : result.ExitCode != 0;
        var mismatch = failed
            ? $"exit code {result.ExitCode}, expected {(step.MustFail ? "non-zero" : "0")}"
            : OutputPattern.Mismatch(step.Expected, result.Stdout + result.Stderr);
        if (mismatch is not null)
        {
            var earlier = fixture.FirstFailure is { } first ? $" (step {first} failed before it)" : string.Empty;
            fixture.FirstFailure ??= number;
            Assert.Fail($"step {number}{earlier}: {command}\n{mismatch}\n{result}");
        }
    }
}
