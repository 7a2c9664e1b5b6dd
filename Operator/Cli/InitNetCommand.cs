using System.Collections.Immutable;
using System.Globalization;
using Junction.Mesh.Capture;

namespace Junction.Cli;

/// <summary>
/// junction init-net [--dry-run] [--exclude-inbound-ports P,...] [--exclude-outbound-ports P,...]:
/// the init container's command; installs the capture rules in the pod's network namespace.
/// </summary>
internal sealed class InitNetCommand : ICommand
{
    private const string Usage = "init-net [--dry-run] [--exclude-inbound-ports P,...] [--exclude-outbound-ports P,...]";

    public string Name => "init-net";

    public string Summary => "install the sidecar's traffic capture rules (iptables) in this network namespace: " + Usage;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        var options = new CaptureOptions();
        var dryRun = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    await console.Out.WriteLineAsync("Usage: junction " + Usage).ConfigureAwait(false);
                    await console.Out.WriteLineAsync("Redirects incoming TCP to 15006 and outgoing TCP to 15001, except the proxy's own (uid/gid 1337), loopback and ports 15020 and 15021.").ConfigureAwait(false);
                    await console.Out.WriteLineAsync("--dry-run prints the iptables commands instead of running them. Needs NET_ADMIN.").ConfigureAwait(false);
                    return 0;
                case "--dry-run":
                    dryRun = true;
                    break;
                case "--exclude-inbound-ports" when i + 1 < args.Count:
                    options = options with { ExcludeInboundPorts = Ports(args[++i], "--exclude-inbound-ports") };
                    break;
                case "--exclude-outbound-ports" when i + 1 < args.Count:
                    options = options with { ExcludeOutboundPorts = Ports(args[++i], "--exclude-outbound-ports") };
                    break;
                default:
                    throw new UsageException($"unknown or incomplete option \"{args[i]}\"; usage: junction {Usage}");
            }
        }

        if (dryRun)
        {
            foreach (var command in CaptureRules.Install(options))
            {
                await console.Out.WriteLineAsync(CaptureRules.ShellLine(command)).ConfigureAwait(false);
            }

            return 0;
        }

        var failure = await IptablesRunner.Local.ApplyAsync(options, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            await console.Error.WriteLineAsync("junction init-net: " + failure).ConfigureAwait(false);
            return 1;
        }

        await console.Out.WriteLineAsync("junction init-net: capture rules installed").ConfigureAwait(false);
        return 0;
    }

    private static ImmutableArray<int> Ports(string list, string option)
    {
        var ports = ImmutableArray.CreateBuilder<int>();
        foreach (var item in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                throw new UsageException($"{option}: \"{item}\" is not a port (1-65535)");
            }

            if (port is 15001 or 15006 or 15020 or 15021)
            {
                throw new UsageException($"{option}: {port} is one of the proxy's own ports and cannot be excluded");
            }

            ports.Add(port);
        }

        return ports.ToImmutable();
    }
}
