using System.Net;
using System.Text.Json.Nodes;
using Junction.ApiServer.Authorization;
using Junction.ApiServer.Store;
using Microsoft.AspNetCore.Http;

namespace Junction.ApiServer.Http;

/// <summary>
/// POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews and selfsubjectrulesreviews: reviews are answered,
/// never stored (create is their only verb). Faults and the request log see them as the verb create.
/// </summary>
internal sealed class AuthorizationEndpoint(FaultInjector faults, RequestLog log, long maxBodyBytes)
{
    public const string AccessResource = "selfsubjectaccessreviews";
    public const string RulesResource = "selfsubjectrulesreviews";

    public static bool Serves(ApiRoute route) =>
        route is { Group: AccessReviews.Group, Version: AccessReviews.Version, Resource: AccessResource or RulesResource };

    public async Task Handle(HttpContext context, ApiRoute route)
    {
        if (route.Namespace.Length > 0 || route.Name.Length > 0)
        {
            // Both reviews are cluster-scoped and have no item paths.
            throw Errors.PageNotFound();
        }

        var verb = context.Request.Method == "POST" ? "create" : "unsupported";
        try
        {
            if (faults.Take(verb, route.Resource) is { } fault)
            {
                await FaultResponse.Write(context, fault, $"{route.Resource}.{AccessReviews.Group}", string.Empty);
                return;
            }

            if (verb != "create")
            {
                throw Errors.MethodNotAllowed("the server does not allow this method on the requested resource");
            }

            var kind = route.Resource == AccessResource ? AccessReviews.AccessReviewKind : AccessReviews.RulesReviewKind;
            var review = await ReviewOf(context.Request, kind);
            var answer = kind == AccessReviews.AccessReviewKind ? AccessReviews.Access(review) : AccessReviews.Rules(review);
            await Responses.Json(context, (int)HttpStatusCode.Created, answer);
        }
        catch (ApiException e)
        {
            await Responses.Error(context, e);
        }
        finally
        {
            log.Add(new RecordedRequest(verb, route.Resource, string.Empty, string.Empty, context.Response.StatusCode));
        }
    }

    private async Task<JsonObject> ReviewOf(HttpRequest request, string kind)
    {
        var media = (request.ContentType ?? string.Empty).Split(';')[0].Trim();
        var review = media == "application/vnd.kubernetes.protobuf"
            ? ReviewBody.FromProtobuf(await RequestBody.BytesAsync(request, maxBodyBytes), kind)
            : await RequestBody.ObjectAsync(request, maxBodyBytes);
        if (review["kind"]?.GetValue<string>() is { Length: > 0 } sent && sent != kind)
        {
            throw Errors.BadRequest($"the object provided is unrecognized (wrong kind {sent}, expected {kind})");
        }

        return review;
    }
}
