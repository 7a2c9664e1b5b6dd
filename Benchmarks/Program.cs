using BenchmarkDotNet.Running;
using Junction.Benchmarks.Distribution;
using Junction.Benchmarks.Mesh;
using Junction.Benchmarks.Propagation;
using Junction.Benchmarks.Reconciliation;
using Junction.Benchmarks.Traffic;

// "traffic" runs the wrk-based proxy benchmark, "mesh" the sidecar pair on the network-namespace
// bed, "reconcile" the operator convergence and memory bench, "distribution" the proxy API's memory
// with connected proxies (its "distribution-clients" child runs the simulated agents), "propagation"
// route changes through real proxies of a local run; everything
// else is BenchmarkDotNet's.
if (args.Length > 0 && args[0] == "traffic")
{
    return await TrafficBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "mesh")
{
    return await MeshBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "reconcile")
{
    return await ReconcileBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "distribution")
{
    return await DistributionBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "propagation")
{
    return await PropagationBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "distribution-clients")
{
    return await DistributionBench.RunClientsAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
