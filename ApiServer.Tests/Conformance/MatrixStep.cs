namespace Junction.ApiServer.Tests.Conformance;

/// <summary>One kubectl command of the matrix and the output kubectl prints for it against a real cluster.</summary>
/// <param name="Number">Its position in the transcript, from 1.</param>
/// <param name="Line">The transcript line that gives the command, for messages.</param>
/// <param name="MustFail">True for a step written with "!": kubectl must exit non-zero.</param>
/// <param name="Environment">Variables set for this step only (e.g. KUBE_EDITOR).</param>
/// <param name="Arguments">kubectl's arguments, already split as a shell would.</param>
/// <param name="Expected">The expected output lines, with placeholders (see <see cref="OutputPattern"/>).</param>
/// <param name="Files">Files written into the working directory before the step runs.</param>
internal sealed record MatrixStep(
    int Number,
    string Line,
    bool MustFail,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<string> Expected,
    IReadOnlyDictionary<string, string> Files);
