using Xunit.Abstractions;
using Xunit.Sdk;

namespace Junction.ApiServer.Tests.Conformance;

/// <summary>Runs a theory's cases in the order of their first argument (a step number), not xUnit's default hash order.</summary>
public sealed class StepOrderer : ITestCaseOrderer
{
    /// <summary>The assembly-qualified name for [TestCaseOrderer].</summary>
    public const string Name = "Junction.ApiServer.Tests.Conformance.StepOrderer";

    /// <summary>The assembly for [TestCaseOrderer].</summary>
    public const string Assembly = "Junction.ApiServer.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(c => c.TestMethodArguments is [int step, ..] ? step : int.MaxValue);
}
