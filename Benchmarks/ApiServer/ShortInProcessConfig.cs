using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Junction.Benchmarks.ApiServer;

/// <summary>
/// The short job (3 warmups, 3 iterations, one invocation each), run in process: the project file is not
/// named after the assembly, so the out-of-process toolchain cannot find it.
/// </summary>
public sealed class ShortInProcessConfig : ManualConfig
{
    public ShortInProcessConfig()
    {
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithInvocationCount(1).WithUnrollFactor(1));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
