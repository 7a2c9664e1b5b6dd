using BenchmarkDotNet.Running;
using Junction.Benchmarks.Reconciliation;

// "reconcile" runs the operator convergence and memory bench; everything else is BenchmarkDotNet's.
if (args.Length > 0 && args[0] == "reconcile")
{
    return await ReconcileBench.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
