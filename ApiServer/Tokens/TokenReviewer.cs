using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Junction.ApiServer.Semantics;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Tokens;

/// <summary>
/// Reviews a bearer token the way kube-apiserver's authenticator chain does for a TokenReview: its issuer, key,
/// signature and audiences (pkg/serviceaccount/jwt.go), then times with go-jose's one-minute leeway and the
/// ServiceAccount and bound object still existing with the same uid (claims.go). Errors keep kube-apiserver's text,
/// including the "invalid bearer token" its loopback-token authenticator, tried first, adds to every failure.
/// </summary>
internal sealed class TokenReviewer
{
    private const string InvalidBearerToken = "invalid bearer token";
    private const string Invalidated = "service account token has been invalidated";
    private static readonly TimeSpan Leeway = TimeSpan.FromMinutes(1);

    private readonly ResourceService service;
    private readonly Clock clock;
    private readonly ServiceAccountSigner signer;
    private readonly ServiceAccountTokenOptions options;

    public TokenReviewer(ResourceService service, Clock clock, ServiceAccountSigner signer, ServiceAccountTokenOptions options)
    {
        this.service = service;
        this.clock = clock;
        this.signer = signer;
        this.options = options;
    }

    public ReviewOutcome Review(string token, IReadOnlyList<string> audiences)
    {
        // The token travels as "Authorization: Bearer <token>"; the bearer authenticator keeps the first word.
        var parts = $"Bearer {token}".Trim().Split(' ');
        var bearer = parts.Length < 2 ? string.Empty : parts[1];
        if (bearer.Length == 0)
        {
            return new Unauthenticated(null);
        }

        var requested = audiences.Count > 0 ? audiences : options.ApiAudiences;
        return Authenticate(bearer, requested) switch
        {
            Authenticated ok => ok,
            Unauthenticated refused => new Unauthenticated(ErrorAggregate.Text([InvalidBearerToken, refused.Error ?? InvalidBearerToken])),
            _ => throw new InvalidOperationException("unknown review outcome"),
        };
    }

    private ReviewOutcome Authenticate(string token, IReadOnlyList<string> requested)
    {
        var jwt = CompactJwt.Parse(token);
        if (jwt is null || Text(jwt.Payload["iss"]) != options.Issuer)
        {
            // Not a token of this issuer: no authenticator recognises it and none has an error to add.
            return new Unauthenticated(null);
        }

        if (signer.SignatureError(jwt) is { } signatureError)
        {
            return new Unauthenticated(signatureError);
        }

        var payload = jwt.Payload;
        IReadOnlyList<string> tokenAudiences = payload["aud"] switch
        {
            JsonArray a => a.Select(Text).OfType<string>().ToList(),
            JsonValue v when Text(v) is { } single => [single],
            _ => [],
        };
        if (tokenAudiences.Count == 0)
        {
            tokenAudiences = options.ApiAudiences;
        }

        var granted = tokenAudiences.Where(requested.Contains).ToList();
        if (granted.Count == 0)
        {
            return new Unauthenticated($"token audiences {GoQuote(tokenAudiences)} is invalid for the target audiences {GoQuote(requested)}");
        }

        var now = clock.UtcNow;
        if (TimeError(payload, now) is { } timeError)
        {
            return new Unauthenticated(timeError);
        }

        return Validate(payload, now, granted);
    }

    /// <summary>go-jose's Claims.Validate with its default leeway, in kube-apiserver's words.</summary>
    private static string? TimeError(JsonObject payload, DateTimeOffset now)
    {
        if (Seconds(payload["nbf"]) is { } nbf && now + Leeway < nbf)
        {
            return "service account token is not valid yet";
        }

        if (Seconds(payload["exp"]) is { } exp && now - Leeway > exp)
        {
            return "service account token has expired";
        }

        if (Seconds(payload["iat"]) is { } iat && now + Leeway < iat)
        {
            return "service account token is issued in the future";
        }

        return null;
    }

    /// <summary>The user, once the objects the token names are checked against the store.</summary>
    private ReviewOutcome Validate(JsonObject payload, DateTimeOffset now, IReadOnlyList<string> granted)
    {
        var invalidIfDeletedBefore = now - Leeway;
        var claims = payload["kubernetes.io"] as JsonObject;
        var ns = Text(claims?["namespace"]) ?? string.Empty;
        var accountRef = Ref(claims?["serviceaccount"]) ?? new ClaimRef(string.Empty, string.Empty);
        var account = Find("serviceaccounts", ns, accountRef.Name);
        if (account is null)
        {
            return new Unauthenticated($"serviceaccounts \"{accountRef.Name}\" not found");
        }

        if (Meta.Uid(account) != accountRef.Uid)
        {
            return new Unauthenticated($"service account UID ({Meta.Uid(account)}) does not match claim ({accountRef.Uid})");
        }

        if (DeletedBefore(account, invalidIfDeletedBefore))
        {
            return new Unauthenticated($"service account {ns}/{accountRef.Name} has been deleted");
        }

        if (Ref(claims?["secret"]) is { } secretRef && BoundError("secrets", "secret", ns, secretRef, invalidIfDeletedBefore) is { } secretError)
        {
            return new Unauthenticated(secretError);
        }

        var podRef = Ref(claims?["pod"]);
        if (podRef is not null && BoundError("pods", "pod", ns, podRef, invalidIfDeletedBefore) is { } podError)
        {
            return new Unauthenticated(podError);
        }

        var nodeRef = Ref(claims?["node"]);
        if (nodeRef is not null && podRef is null)
        {
            // A token bound to a Node alone: no Node objects are served here, so it names none that exists.
            return new Unauthenticated(Invalidated);
        }

        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        if (podRef is { Name.Length: > 0, Uid.Length: > 0 })
        {
            extra["authentication.kubernetes.io/pod-name"] = podRef.Name;
            extra["authentication.kubernetes.io/pod-uid"] = podRef.Uid;
        }

        if (Text(payload["jti"]) is { } jti)
        {
            extra["authentication.kubernetes.io/credential-id"] = "JTI=" + jti;
        }

        if (nodeRef is { Name.Length: > 0 })
        {
            extra["authentication.kubernetes.io/node-name"] = nodeRef.Name;
            if (nodeRef.Uid.Length > 0)
            {
                extra["authentication.kubernetes.io/node-uid"] = nodeRef.Uid;
            }
        }

        var user = new ServiceAccountUser(
            $"system:serviceaccount:{ns}:{accountRef.Name}",
            accountRef.Uid,
            ["system:serviceaccounts", $"system:serviceaccounts:{ns}", "system:authenticated"],
            extra);
        return new Authenticated(user, granted);
    }

    private string? BoundError(string key, string kind, string ns, ClaimRef reference, DateTimeOffset invalidIfDeletedBefore)
    {
        var found = Find(key, ns, reference.Name);
        if (found is null)
        {
            return Invalidated;
        }

        if (Meta.Uid(found) != reference.Uid)
        {
            return $"{kind} UID ({Meta.Uid(found)}) does not match service account {kind} ref claim ({reference.Uid})";
        }

        return DeletedBefore(found, invalidIfDeletedBefore) ? Invalidated : null;
    }

    private JsonObject? Find(string key, string ns, string name)
    {
        // Stored objects are replaced, never changed, so the reference may be read after the lock.
        lock (service.Store.Gate)
        {
            return service.Store.Get(key, ns, name);
        }
    }

    private static bool DeletedBefore(JsonObject obj, DateTimeOffset limit) =>
        Text(obj["metadata"]?["deletionTimestamp"]) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var deleted)
        && deleted < limit;

    private static ClaimRef? Ref(JsonNode? node) =>
        node is JsonObject o ? new ClaimRef(Text(o["name"]) ?? string.Empty, Text(o["uid"]) ?? string.Empty) : null;

    private static DateTimeOffset? Seconds(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? DateTimeOffset.FromUnixTimeSeconds((long)v.GetValue<double>()) : null;

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>A string slice as Go's %q prints it: ["a" "b"].</summary>
    private static string GoQuote(IEnumerable<string> values) => "[" + string.Join(" ", values.Select(GoText.Quote)) + "]";
}
