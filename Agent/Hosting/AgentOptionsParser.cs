using System.Globalization;

namespace Junction.Agent.Hosting;

/// <summary>Parses <c>run</c>'s flags; environment variables fill in what a pod spec sets by env.</summary>
internal static class AgentOptionsParser
{
    /// <summary>The usage text.</summary>
    public const string Usage =
        "usage: junction-agent run --operator <https://host:port> --operator-ca <file> --proxy <kind>/<ns>/<name>\n" +
        "         --instance <pod name> --token-file <file> [--root <dir>] [--haproxy <path>]\n" +
        "         [--health-port 15021] [--health-address 0.0.0.0] [--labels k=v,...]\n" +
        "         [--bind-address <ip>] [--resolver <host:port>]   (outside a pod: listeners' address, name server)\n" +
        "env fallbacks: POD_NAME (--instance), JUNCTION_OPERATOR (--operator), POD_NAMESPACE (the proxy's namespace when --proxy has none)";

    /// <summary>The options, or an error message.</summary>
    /// <param name="args">The arguments after <c>run</c>.</param>
    /// <param name="env">Reads an environment variable.</param>
    /// <param name="options">The parsed options.</param>
    /// <param name="error">What is wrong, when parsing failed.</param>
    public static bool TryParse(IReadOnlyList<string> args, Func<string, string?> env, out AgentOptions? options, out string? error)
    {
        options = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                error = "unexpected argument " + arg;
                return false;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                values[arg[2..eq]] = arg[(eq + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                values[arg[2..]] = args[++i];
            }
            else
            {
                error = arg + " needs a value";
                return false;
            }
        }

        string? Get(string name, string? envName = null) =>
            values.TryGetValue(name, out var v) ? v : envName is null ? null : env(envName);

        var known = new HashSet<string>(StringComparer.Ordinal) { "operator", "operator-ca", "proxy", "instance", "token-file", "root", "haproxy", "health-port", "health-address", "labels", "heartbeat-seconds", "bind-address", "resolver" };
        var unknown = values.Keys.FirstOrDefault(k => !known.Contains(k));
        if (unknown is not null)
        {
            error = "unknown flag --" + unknown;
            return false;
        }

        var operatorText = Get("operator", "JUNCTION_OPERATOR");
        if (operatorText is null || !Uri.TryCreate(operatorText, UriKind.Absolute, out var operatorUri) || operatorUri.Scheme != Uri.UriSchemeHttps)
        {
            error = "--operator must be an https:// URL";
            return false;
        }

        var proxy = Get("proxy");
        var parts = proxy?.Split('/') ?? [];
        if (parts.Length == 2 && env("POD_NAMESPACE") is { Length: > 0 } podNamespace)
        {
            parts = [parts[0], podNamespace, parts[1]];
        }

        if (parts.Length != 3 || parts[0] is not ("gateway" or "sidecar") || parts[1].Length == 0 || parts[2].Length == 0)
        {
            error = "--proxy must be gateway/<ns>/<name> or sidecar/<ns>/<serviceaccount>";
            return false;
        }

        var instance = Get("instance", "POD_NAME");
        var ca = Get("operator-ca");
        var token = Get("token-file");
        if (string.IsNullOrEmpty(instance) || string.IsNullOrEmpty(ca) || string.IsNullOrEmpty(token))
        {
            error = "--instance (or POD_NAME), --operator-ca and --token-file are required";
            return false;
        }

        var port = 15021;
        if (Get("health-port") is { } portText && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            error = "--health-port must be a port number";
            return false;
        }

        var heartbeat = 30;
        if (Get("heartbeat-seconds") is { } hb && (!int.TryParse(hb, NumberStyles.None, CultureInfo.InvariantCulture, out heartbeat) || heartbeat < 1))
        {
            error = "--heartbeat-seconds must be a positive number";
            return false;
        }

        var bind = Get("bind-address");
        if (bind is not null && !System.Net.IPAddress.TryParse(bind, out _))
        {
            error = "--bind-address must be an IP address";
            return false;
        }

        var resolver = Get("resolver");
        if (resolver is not null && !System.Net.IPEndPoint.TryParse(resolver, out _))
        {
            error = "--resolver must be host:port with an IP address";
            return false;
        }

        options = new AgentOptions
        {
            Operator = operatorUri,
            OperatorCa = ca,
            Proxy = string.Join('/', parts),
            Instance = instance,
            TokenFile = token,
            Root = Get("root") ?? "",
            HAProxy = Get("haproxy") ?? "haproxy",
            HealthPort = port,
            // Outside a pod the readiness port shares the proxy's own address.
            HealthAddress = Get("health-address") ?? bind ?? "0.0.0.0",
            BindAddress = bind,
            Resolver = resolver,
            Labels = Get("labels"),
            Heartbeat = TimeSpan.FromSeconds(heartbeat),
        };
        error = null;
        return true;
    }
}
