using System.Globalization;
using Junction.Mesh.Identity;
using Junction.Translation;

namespace Junction.Cli;

/// <summary>The run verb's flags, parsed.</summary>
internal sealed record RunArguments
{
    /// <summary>Start the in-memory API server and run against it.</summary>
    public bool Local { get; init; }

    /// <summary>The kubeconfig to read, or with --local the kubeconfig to write.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>--leader-elect as given; null when not given (then on in-cluster, off elsewhere).</summary>
    public bool? LeaderElect { get; init; }

    /// <summary>--workers.</summary>
    public int Workers { get; init; } = 4;

    /// <summary>--namespace: watch one namespace only.</summary>
    public string? Namespace { get; init; }

    /// <summary>--metrics-bind-address; null for the default of the mode.</summary>
    public string? MetricsBindAddress { get; init; }

    /// <summary>--health-probe-bind-address; null for the default of the mode.</summary>
    public string? HealthProbeBindAddress { get; init; }

    /// <summary>--proxy-api-bind-address; null for the default of the mode.</summary>
    public string? ProxyApiBindAddress { get; init; }

    /// <summary>--proxy-image.</summary>
    public string? ProxyImage { get; init; }

    /// <summary>--allowed-proxy-registries, split at commas; empty for the default image's registry.</summary>
    public IReadOnlyList<string> AllowedProxyRegistries { get; init; } = [];

    /// <summary>--leader-election-namespace; null for the operator's own namespace (in cluster) or the kubeconfig's.</summary>
    public string? LeaderElectionNamespace { get; init; }

    /// <summary>--config-delivery; null for the mode's default (agent in a cluster, rollout with --local).</summary>
    public ConfigDelivery? ConfigDelivery { get; init; }

    /// <summary>--agent-image; null for the operator image config/manager deploys.</summary>
    public string? AgentImage { get; init; }

    /// <summary>--proxies: with --local, start a real HAProxy and junction-agent for each gateway replica.</summary>
    public bool Proxies { get; init; }

    /// <summary>--agent: with --proxies, the junction-agent executable; null to look for it.</summary>
    public string? AgentPath { get; init; }

    /// <summary>--no-samples: with --local, apply nothing.</summary>
    public bool NoSamples { get; init; }

    /// <summary>--samples: with --local, the directory of manifests to apply.</summary>
    public string? SamplesDirectory { get; init; }

    /// <summary>--identity-issuer: who signs workload identities.</summary>
    public IdentityIssuerKind IdentityIssuer { get; init; } = IdentityIssuerKind.Junction;

    /// <summary>--cert-manager-issuer: the Issuer or ClusterIssuer that signs, with --identity-issuer=cert-manager.</summary>
    public CertManagerIssuerReference? CertManagerIssuer { get; init; }

    /// <summary>--cert-manager-ca-secret as <c>&lt;namespace&gt;/&lt;name&gt;</c>: the Secret whose ca.crt is the trust bundle.</summary>
    public string? CertManagerCaSecret { get; init; }

    /// <summary>--webhook-bind-address; null for the default of the mode.</summary>
    public string? WebhookBindAddress { get; init; }

    /// <summary>--webhook-certs: who provides the webhook's serving certificate.</summary>
    public Injection.WebhookCertificateSource WebhookCerts { get; init; } = Injection.WebhookCertificateSource.Junction;

    /// <summary>--webhook-cert-dir: where cert-manager's Secret is mounted; null for the default.</summary>
    public string? WebhookCertDirectory { get; init; }

    /// <summary>--native-sidecars: true or false; null (auto) to decide by the server's version.</summary>
    public bool? NativeSidecars { get; init; }

    /// <summary>--init-image: the image injected pods run <c>junction init-net</c> from; null for the default.</summary>
    public string? InitImage { get; init; }

    /// <summary>Usage text for the run verb.</summary>
    public const string Usage = """
        Usage: junction run [--local] [options]

          --local                         start an in-memory API server, install the CRD, apply samples/, and reconcile
          --kubeconfig <path>             kubeconfig to use (default: $KUBECONFIG, ~/.kube/config, in-cluster);
                                          with --local, where to write the kubeconfig for kubectl
          --namespace <ns>                watch one namespace (default: all)
          --workers <n>                   policies reconciled at the same time (default: 4)
          --leader-elect[=true|false]     elect a leader on the Lease junction-leader (default: on in-cluster)
          --metrics-bind-address <addr>   /metrics address, "0" disables (default: :8080; --local: 127.0.0.1:0)
          --health-probe-bind-address <addr>  /healthz and /readyz address, "0" disables (default: :8081; --local: 127.0.0.1:0)
          --proxy-api-bind-address <addr>  HTTPS address agents fetch bundles and identities from, "0" disables
                                          (default: :15012; --local: 127.0.0.1:0)
          --proxy-image <image>           HAProxy image for gateway Deployments (default: haproxy:3.2.4)
          --allowed-proxy-registries <list>  comma-separated registry/path prefixes spec.proxy.image may use
                                          (default: the default image's, docker.io/library for haproxy:3.2.4)
          --config-delivery agent|rollout  how gateways get config changes: agent = junction-agent in each pod
                                          applies them in place and status counts its reports; rollout = a
                                          config hash on the pod template rolls the pods (default: agent;
                                          --local: rollout, as its simulated cluster runs no agents)
          --agent-image <image>           image the gateway pods copy junction-agent from, the operator's own
                                          (default: junction:latest, the image config/manager deploys)
          --leader-election-namespace <ns>  namespace of the Lease (default: in cluster the operator's own
                                          namespace, else the kubeconfig context's namespace or "default")
          --proxies                       with --local: run each gateway replica as a real HAProxy + junction-agent
                                          on its own loopback address (needs haproxy; implies --config-delivery=agent)
          --agent <path>                  with --proxies: the junction-agent binary (default: beside junction,
                                          then .artifacts/agent/ of the checkout, then $PATH)
          --samples <dir>                 with --local: manifests to apply (default: ./samples)
          --no-samples                    with --local: apply nothing
          --identity-issuer <junction|cert-manager>  who signs workload identities (default: junction, Junction's
                                          own CA in the Secret junction-ca of the operator's namespace)
          --cert-manager-issuer <kind>/<name>  with --identity-issuer=cert-manager: Issuer/<name> (in the
                                          operator's namespace, where the CertificateRequests are made) or
                                          ClusterIssuer/<name>; required then
          --cert-manager-ca-secret <namespace>/<name>  with --identity-issuer=cert-manager: the Secret whose
                                          ca.crt is the trust bundle (default: the status.ca of the first
                                          certificate cert-manager issues)
          --webhook-bind-address <addr>   HTTPS address of the sidecar injection webhook (POST /inject), "0" disables
                                          (default: :9443; --local: 127.0.0.1:0)
          --webhook-certs <junction|cert-manager>  who provides the webhook's serving certificate: junction = signed
                                          by Junction's CA, renewed, and the caBundle of MutatingWebhookConfiguration
                                          junction-sidecar-injector kept current; cert-manager = read from
                                          --webhook-cert-dir, caBundle written by cert-manager's CA injector (default: junction)
          --webhook-cert-dir <dir>        with --webhook-certs=cert-manager: the mounted Secret's directory (tls.crt,
                                          tls.key; default: /var/run/junction/webhook-certs)
          --native-sidecars <auto|true|false>  inject the proxy as a native sidecar (restartPolicy: Always init
                                          container) or as the first container with a postStart wait
                                          (default: auto, native from Kubernetes 1.29 as the server reports it)
          --init-image <image>            image injected pods run junction init-net from: the operator's binary
                                          with iptables (default: junction-init:latest, the Dockerfile's init target)
        """;

    /// <summary>Parses the flags after the verb; throws <see cref="UsageException"/> on anything unknown or malformed.</summary>
    public static RunArguments Parse(IReadOnlyList<string> args)
    {
        var result = new RunArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var (flag, inline) = Split(args[i]);
            string Value() => inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"{flag} needs a value"));
            result = flag switch
            {
                "--local" => result with { Local = true },
                "--kubeconfig" => result with { Kubeconfig = Value() },
                "--namespace" or "-n" => result with { Namespace = Value() },
                "--workers" => result with { Workers = PositiveInt(flag, Value()) },
                "--leader-elect" => result with { LeaderElect = inline is null || Bool(flag, inline) },
                "--metrics-bind-address" => result with { MetricsBindAddress = Value() },
                "--health-probe-bind-address" => result with { HealthProbeBindAddress = Value() },
                "--proxy-api-bind-address" => result with { ProxyApiBindAddress = Value() },
                "--proxy-image" => result with { ProxyImage = Value() },
                "--allowed-proxy-registries" => result with { AllowedProxyRegistries = Registries(flag, Value()) },
                "--leader-election-namespace" => result with { LeaderElectionNamespace = NonEmpty(flag, Value()) },
                "--config-delivery" => result with { ConfigDelivery = Delivery(flag, Value()) },
                "--agent-image" => result with { AgentImage = NonEmpty(flag, Value()) },
                "--samples" => result with { SamplesDirectory = Value() },
                "--no-samples" => result with { NoSamples = true },
                "--proxies" => result with { Proxies = true },
                "--agent" => result with { AgentPath = NonEmpty(flag, Value()) },
                "--identity-issuer" => result with { IdentityIssuer = Issuer(flag, Value()) },
                "--cert-manager-issuer" => result with { CertManagerIssuer = IssuerReference(flag, Value()) },
                "--cert-manager-ca-secret" => result with { CertManagerCaSecret = ObjectReference(flag, Value()) },
                "--webhook-bind-address" => result with { WebhookBindAddress = Value() },
                "--webhook-certs" => result with { WebhookCerts = CertificateSource(flag, Value()) },
                "--webhook-cert-dir" => result with { WebhookCertDirectory = NonEmpty(flag, Value()) },
                "--native-sidecars" => result with { NativeSidecars = Native(flag, Value()) },
                "--init-image" => result with { InitImage = NonEmpty(flag, Value()) },
                _ => throw new UsageException($"unknown flag \"{args[i]}\"; run 'junction run --help'"),
            };
        }

        return Checked(result);
    }

    // The cert-manager flags mean nothing without the issuer they configure, and that issuer nothing without its Issuer.
    private static RunArguments Checked(RunArguments result)
    {
        if (result.Proxies && !result.Local)
        {
            throw new UsageException("--proxies needs --local (in a cluster the kubelet starts the proxies)");
        }

        if (result.Proxies && result.ConfigDelivery == Translation.ConfigDelivery.Rollout)
        {
            throw new UsageException("--proxies needs --config-delivery=agent: real proxies get their config from the agent");
        }

        if (result.AgentPath is not null && !result.Proxies)
        {
            throw new UsageException("--agent needs --proxies");
        }

        if (result.IdentityIssuer == IdentityIssuerKind.CertManager && result.CertManagerIssuer is null)
        {
            throw new UsageException("--identity-issuer=cert-manager needs --cert-manager-issuer <Issuer|ClusterIssuer>/<name>");
        }

        if (result.IdentityIssuer != IdentityIssuerKind.CertManager && (result.CertManagerIssuer is not null || result.CertManagerCaSecret is not null))
        {
            var flag = result.CertManagerIssuer is not null ? "--cert-manager-issuer" : "--cert-manager-ca-secret";
            throw new UsageException($"{flag} needs --identity-issuer=cert-manager (Junction's own CA signs otherwise)");
        }

        return result;
    }

    private static IdentityIssuerKind Issuer(string flag, string value) => value switch
    {
        "junction" => IdentityIssuerKind.Junction,
        "cert-manager" => IdentityIssuerKind.CertManager,
        _ => throw new UsageException($"{flag} must be junction or cert-manager, not \"{value}\""),
    };

    private static Injection.WebhookCertificateSource CertificateSource(string flag, string value) => value switch
    {
        "junction" => Injection.WebhookCertificateSource.Junction,
        "cert-manager" => Injection.WebhookCertificateSource.CertManager,
        _ => throw new UsageException($"{flag} must be junction or cert-manager, not \"{value}\""),
    };

    private static bool? Native(string flag, string value) => value switch
    {
        "auto" => null,
        "true" => true,
        "false" => false,
        _ => throw new UsageException($"{flag} must be auto, true or false, not \"{value}\""),
    };

    private static CertManagerIssuerReference IssuerReference(string flag, string value) =>
        CertManagerIssuerReference.Parse(value, out var error) ?? throw new UsageException($"{flag} {error}");

    private static string ObjectReference(string flag, string value)
    {
        var parts = value.Split('/');
        return parts is [{ Length: > 0 } ns, { Length: > 0 } name] && !value.Any(char.IsWhiteSpace)
            ? value
            : throw new UsageException($"{flag} must be <namespace>/<name>, not \"{value}\"");
    }

    private static (string Flag, string? Inline) Split(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }

    private static int PositiveInt(string flag, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new UsageException($"{flag} must be a positive whole number, not \"{value}\"");

    private static string[] Registries(string flag, string value)
    {
        var entries = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return entries.Length > 0 && entries.All(IsPrefix)
            ? entries
            : throw new UsageException($"{flag} must be a comma-separated list of registry prefixes such as docker.io/library, not \"{value}\"");
    }

    // A colon may only be a registry port (localhost:5000/team); anywhere else it would be a tag, which a prefix has not.
    private static bool IsPrefix(string entry)
    {
        var slash = entry.IndexOf('/', StringComparison.Ordinal);
        var host = slash < 0 ? entry : entry[..slash];
        var path = slash < 0 ? "" : entry[slash..];
        return !entry.Any(char.IsWhiteSpace) && !entry.Contains('@', StringComparison.Ordinal)
            && !path.Contains(':', StringComparison.Ordinal) && host.Count(c => c == ':') <= 1;
    }

    private static ConfigDelivery Delivery(string flag, string value) => value switch
    {
        "agent" => Translation.ConfigDelivery.Agent,
        "rollout" => Translation.ConfigDelivery.Rollout,
        _ => throw new UsageException($"{flag} must be agent or rollout, not \"{value}\""),
    };

    private static string NonEmpty(string flag, string value) =>
        value.Length > 0 ? value : throw new UsageException($"{flag} needs a value");

    private static bool Bool(string flag, string value) => value switch
    {
        "true" => true,
        "false" => false,
        _ => throw new UsageException($"{flag} must be true or false, not \"{value}\""),
    };
}
