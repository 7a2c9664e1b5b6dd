using System.Text.Json.Nodes;

namespace Junction.ApiServer.Tokens;

/// <summary>
/// The claims kube-apiserver writes into a ServiceAccount token (pkg/serviceaccount/claims.go): iss, sub, aud,
/// iat, nbf, exp, jti and kubernetes.io {namespace, serviceaccount, pod | secret, node, warnafter}. Keys are in
/// the sorted order go-jose serializes them in.
/// </summary>
internal static class TokenClaims
{
    public static JsonObject Build(
        string issuer, string ns, ClaimRef serviceAccount, ClaimRef? pod, ClaimRef? secret, ClaimRef? node,
        IReadOnlyList<string> audiences, DateTimeOffset now, long expirationSeconds, long warnAfterSeconds, string jti)
    {
        var seconds = now.ToUnixTimeSeconds();
        var kubernetes = new JsonObject { ["namespace"] = ns };
        if (node is not null)
        {
            kubernetes["node"] = Ref(node);
        }

        if (pod is not null)
        {
            kubernetes["pod"] = Ref(pod);
        }

        if (secret is not null)
        {
            kubernetes["secret"] = Ref(secret);
        }

        kubernetes["serviceaccount"] = Ref(serviceAccount);
        if (warnAfterSeconds != 0)
        {
            kubernetes["warnafter"] = seconds + warnAfterSeconds;
        }

        return new JsonObject
        {
            ["aud"] = new JsonArray(audiences.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
            ["exp"] = seconds + expirationSeconds,
            ["iat"] = seconds,
            ["iss"] = issuer,
            ["jti"] = jti,
            ["kubernetes.io"] = kubernetes,
            ["nbf"] = seconds,
            ["sub"] = $"system:serviceaccount:{ns}:{serviceAccount.Name}",
        };
    }

    private static JsonObject Ref(ClaimRef reference)
    {
        var result = new JsonObject();
        if (reference.Name.Length > 0)
        {
            result["name"] = reference.Name;
        }

        if (reference.Uid.Length > 0)
        {
            result["uid"] = reference.Uid;
        }

        return result;
    }
}
