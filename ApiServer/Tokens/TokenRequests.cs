using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Junction.ApiServer.Semantics;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Tokens;

/// <summary>
/// POST .../serviceaccounts/{name}/token as kube-apiserver answers it (pkg/registry/core/serviceaccount/storage/token.go):
/// the ServiceAccount must exist, the request is defaulted and validated, an optional Pod or Secret binds the
/// token, and the answer carries the signed JWT and its expiry. Nothing is stored.
/// </summary>
internal sealed class TokenRequests
{
    /// <summary>validation.MinTokenAgeSec: ten minutes.</summary>
    public const long MinExpirationSeconds = 10 * 60;

    /// <summary>spec.expirationSeconds when unset: an hour (SetDefaults_TokenRequestSpec).</summary>
    public const long DefaultExpirationSeconds = 60 * 60;

    // The kubelet asks for this lifetime for projected tokens; kube-apiserver then issues a year-long token
    // that warns after the requested hour (--service-account-extend-token-expiration, on by default).
    private const long WarnOnlyBoundTokenExpirationSeconds = (60 * 60) + 7;
    private const long ExpirationExtensionSeconds = 24L * 365 * 60 * 60;

    private readonly ResourceService service;
    private readonly Clock clock;
    private readonly ServiceAccountSigner signer;
    private readonly ServiceAccountTokenOptions options;
    private readonly RandomNumberGenerator random;

    public TokenRequests(ResourceService service, Clock clock, ServiceAccountSigner signer, ServiceAccountTokenOptions options, RandomNumberGenerator random)
    {
        this.service = service;
        this.clock = clock;
        this.signer = signer;
        this.options = options;
        this.random = random;
    }

    /// <summary>The TokenRequest answered for ServiceAccount <paramref name="name"/> in <paramref name="ns"/>.</summary>
    public JsonObject Create(string ns, string name, TokenRequestInput request)
    {
        if (request.Name.Length > 0 && request.Name != name)
        {
            throw Invalid(name, FieldError.Invalid("metadata.name", GoText.Quote(request.Name), "must match the service account name if specified"));
        }

        if (request.Namespace.Length > 0 && request.Namespace != ns)
        {
            throw Invalid(name, FieldError.Invalid("metadata.namespace", GoText.Quote(request.Namespace), "must match the service account namespace if specified"));
        }

        var account = service.Get(Type("serviceaccounts"), ns, name);
        var audiences = request.Audiences.Count > 0 ? request.Audiences : options.ApiAudiences;
        var now = clock.UtcNow;
        var expiration = request.ExpirationSeconds ?? DefaultExpirationSeconds;
        if (expiration < MinExpirationSeconds)
        {
            throw Invalid(string.Empty, FieldError.Invalid("spec.expirationSeconds", Number(expiration), "may not specify a duration less than 10 minutes"));
        }

        if (expiration > 1L << 32)
        {
            throw Invalid(string.Empty, FieldError.Invalid("spec.expirationSeconds", Number(expiration), "may not specify a duration larger than 2^32 seconds"));
        }

        var (pod, secret, node) = Bind(ns, name, request.BoundObject);
        var (tokenExpiration, warnAfter) = pod is not null && expiration == WarnOnlyBoundTokenExpirationSeconds && audiences.All(options.ApiAudiences.Contains)
            ? (ExpirationExtensionSeconds, expiration)
            : (expiration, 0L);
        var serviceAccount = new ClaimRef(name, Meta.Uid(account));
        var claims = TokenClaims.Build(options.Issuer, ns, serviceAccount, pod, secret, node, audiences, now, tokenExpiration, warnAfter, Jti());
        return Answer(ns, name, request, audiences, expiration, now, signer.Sign(claims));
    }

    private (ClaimRef? Pod, ClaimRef? Secret, ClaimRef? Node) Bind(string ns, string name, BoundObjectReference? reference)
    {
        if (reference is null)
        {
            return (null, null, null);
        }

        var slash = reference.ApiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? string.Empty : reference.ApiVersion[..slash];
        var version = slash < 0 ? reference.ApiVersion : reference.ApiVersion[(slash + 1)..];
        ClaimRef? pod = null, secret = null, node = null;
        string uid;
        switch (group, reference.Kind)
        {
            case ("", "Pod"):
                var found = service.Get(Type("pods"), ns, reference.Name);
                var spec = found["spec"] as JsonObject;
                // kube-apiserver's ServiceAccount admission gives every pod a serviceAccountName, "default" when unset.
                var podAccount = Text(spec?["serviceAccountName"]) ?? Text(spec?["serviceAccount"]) ?? "default";
                if (podAccount != name)
                {
                    throw Errors.BadRequest($"cannot bind token for serviceaccount \"{name}\" to pod running with different serviceaccount name.");
                }

                uid = Meta.Uid(found);
                pod = new ClaimRef(reference.Name, uid);
                // No Node objects are served here; kube-apiserver then embeds the node's name alone.
                if (Text(spec?["nodeName"]) is { Length: > 0 } nodeName)
                {
                    node = new ClaimRef(nodeName, string.Empty);
                }

                break;
            case ("", "Secret"):
                uid = Meta.Uid(service.Get(Type("secrets"), ns, reference.Name));
                secret = new ClaimRef(reference.Name, uid);
                break;
            case ("", "Node"):
                throw Errors.NotFound("nodes", reference.Name);
            default:
                throw Errors.BadRequest($"cannot bind token to object of type {group}/{version}, Kind={reference.Kind}");
        }

        if (reference.Uid.Length > 0 && reference.Uid != uid)
        {
            throw Errors.Conflict(
                group.Length == 0 ? reference.Kind : $"{reference.Kind}.{group}",
                reference.Name,
                $"the UID in the bound object reference ({reference.Uid}) does not match the UID in record. The object might have been deleted and then recreated");
        }

        return (pod, secret, node);
    }

    private JsonObject Answer(string ns, string name, TokenRequestInput request, IReadOnlyList<string> audiences, long expiration, DateTimeOffset now, string token)
    {
        var metadata = request.Metadata.DeepClone().AsObject();
        metadata["name"] = name;
        metadata["namespace"] = ns;
        metadata["creationTimestamp"] = Timestamp(now);
        JsonObject? bound = null;
        if (request.BoundObject is { } reference)
        {
            bound = new JsonObject();
            foreach (var (field, value) in new[] { ("kind", reference.Kind), ("apiVersion", reference.ApiVersion), ("name", reference.Name), ("uid", reference.Uid) })
            {
                if (value.Length > 0)
                {
                    bound[field] = value;
                }
            }
        }

        return new JsonObject
        {
            ["kind"] = TokenRequestBody.Kind,
            ["apiVersion"] = TokenRequestBody.ApiVersion,
            ["metadata"] = metadata,
            ["spec"] = new JsonObject
            {
                ["audiences"] = new JsonArray(audiences.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
                ["expirationSeconds"] = expiration,
                ["boundObjectRef"] = bound,
            },
            ["status"] = new JsonObject
            {
                ["token"] = token,
                ["expirationTimestamp"] = Timestamp(now.AddSeconds(expiration)),
            },
        };
    }

    /// <summary>A random (version 4) UUID, as kube-apiserver's jti, from the injected generator.</summary>
    private string Jti()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.GetBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3f) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    private ResourceType Type(string key) => service.Registry.FindByKey(key)!;

    private static ApiException Invalid(string name, FieldError error) =>
        Errors.Invalid("authentication.k8s.io", TokenRequestBody.Kind, name, [error]);

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
