using System.Runtime.InteropServices;
using Junction.Agent.Hosting;

// junction-agent run ...: the proxy pod's agent (contract: /v1/identity, /v1/config, /v1/status).
// junction-agent wait ...: the postStart hook of a proxy injected as a regular container (before Kubernetes 1.29).
if (args.Length > 0 && args[0] == "wait")
{
    return await Junction.Agent.Health.ReadinessWait.RunAsync(args[1..], Console.Error, TimeProvider.System, CancellationToken.None);
}

if (args.Length == 0 || args[0] != "run")
{
    await Console.Error.WriteLineAsync(AgentOptionsParser.Usage);
    return 2;
}

if (!AgentOptionsParser.TryParse(args[1..], Environment.GetEnvironmentVariable, out var options, out var error))
{
    await Console.Error.WriteLineAsync("junction-agent: " + error + "\n" + AgentOptionsParser.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
var log = new Log(Console.Error, TimeProvider.System);
using var agent = new ProxyAgent(options!, log, TimeProvider.System, Random.Shared);
return await agent.RunAsync(stop.Token);
