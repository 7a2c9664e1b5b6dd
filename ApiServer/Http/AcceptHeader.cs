using Junction.ApiServer.Store;
using Junction.ApiServer.Watch;
using Microsoft.AspNetCore.Http;

namespace Junction.ApiServer.Http;

/// <summary>
/// The object format an Accept header asks for, as kube-apiserver negotiates it: the first alternative
/// the server can serve wins; <c>as=Table</c> (meta.k8s.io v1 or v1beta1) and <c>as=PartialObjectMetadata</c>
/// or <c>as=PartialObjectMetadataList</c> (meta.k8s.io v1) transform the answer; a header whose every
/// alternative asks for a transformation the server does not know is answered 406.
/// </summary>
internal static class AcceptHeader
{
    private const string MetaGroup = "meta.k8s.io";

    /// <summary>The format for a request whose answer is a list (<paramref name="list"/>) or single objects (get, watch events).</summary>
    public static ObjectFormat Negotiate(HttpRequest request, bool list)
    {
        var header = request.Headers.Accept.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return ObjectFormat.Full;
        }

        foreach (var alternative in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parameters = Parameters(alternative);
            if (!parameters.TryGetValue("as", out var target))
            {
                return ObjectFormat.Full;
            }

            var group = parameters.GetValueOrDefault("g");
            var version = parameters.GetValueOrDefault("v");
            if (target == "Table" && group == MetaGroup && version is "v1" or "v1beta1")
            {
                return ObjectFormat.Table;
            }

            if (target is "PartialObjectMetadata" or "PartialObjectMetadataList" && group == MetaGroup && version == "v1")
            {
                // kube-apiserver negotiates either kind, then refuses the one that does not fit the answer.
                if (list != (target == "PartialObjectMetadataList"))
                {
                    throw Errors.NotAcceptable(list
                        ? "you requested PartialObjectMetadata, but the requested object is a list"
                        : "you requested PartialObjectMetadataList, but the requested object is not a list");
                }

                return ObjectFormat.Metadata;
            }
        }

        throw Errors.NotAcceptable("only the following media types are accepted: application/json");
    }

    private static Dictionary<string, string> Parameters(string mediaRange)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in mediaRange.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                parameters[part[..eq].Trim()] = part[(eq + 1)..].Trim().Trim('"');
            }
        }

        return parameters;
    }
}
