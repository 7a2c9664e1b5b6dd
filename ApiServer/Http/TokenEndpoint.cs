using System.Net;
using Junction.ApiServer.Store;
using Junction.ApiServer.Tokens;
using Microsoft.AspNetCore.Http;

namespace Junction.ApiServer.Http;

/// <summary>
/// The two token APIs, neither of which stores anything: POST /api/v1/namespaces/{ns}/serviceaccounts/{name}/token
/// (TokenRequest) and POST /apis/authentication.k8s.io/v1/tokenreviews (TokenReview). Faults and the request log
/// see them as the verb create on serviceaccounts/token and tokenreviews.
/// </summary>
internal sealed class TokenEndpoint
{
    private const string TokenResource = "serviceaccounts/token";
    private const string ReviewResource = "tokenreviews";

    private readonly TokenRequests requests;
    private readonly TokenReviewer reviewer;
    private readonly FaultInjector faults;
    private readonly RequestLog log;
    private readonly long maxBodyBytes;

    public TokenEndpoint(TokenRequests requests, TokenReviewer reviewer, FaultInjector faults, RequestLog log, long maxBodyBytes)
    {
        this.requests = requests;
        this.reviewer = reviewer;
        this.faults = faults;
        this.log = log;
        this.maxBodyBytes = maxBodyBytes;
    }

    public static bool Serves(ApiRoute route) => IsTokenRequest(route) || route is { Group: "authentication.k8s.io", Version: "v1", Resource: ReviewResource };

    public async Task Handle(HttpContext context, ApiRoute route)
    {
        var tokenRequest = IsTokenRequest(route);
        if (!tokenRequest && (route.Namespace.Length > 0 || route.Name.Length > 0))
        {
            // tokenreviews is cluster-scoped and has no item paths.
            throw Errors.PageNotFound();
        }

        var resource = tokenRequest ? TokenResource : ReviewResource;
        var verb = context.Request.Method == "POST" ? "create" : "unsupported";
        try
        {
            if (faults.Take(verb, resource) is { } fault)
            {
                await FaultResponse.Write(context, fault, tokenRequest ? "serviceaccounts" : "tokenreviews.authentication.k8s.io", route.Name);
                return;
            }

            if (verb != "create")
            {
                throw Errors.MethodNotAllowed("the server does not allow this method on the requested resource");
            }

            var answer = tokenRequest
                ? requests.Create(route.Namespace, route.Name, await TokenRequestOf(context.Request))
                : Review(TokenReviewInput.FromJson(await RequestBody.ObjectAsync(context.Request, maxBodyBytes)));
            await Responses.Json(context, (int)HttpStatusCode.Created, answer);
        }
        catch (ApiException e)
        {
            await Responses.Error(context, e);
        }
        finally
        {
            log.Add(new RecordedRequest(verb, resource, route.Namespace, route.Name, context.Response.StatusCode));
        }
    }

    private static bool IsTokenRequest(ApiRoute route) =>
        route is { Group: "", Version: "v1", Resource: "serviceaccounts", Subresource: "token" } && route.Namespace.Length > 0 && route.Name.Length > 0;

    private System.Text.Json.Nodes.JsonObject Review(TokenReviewInput input)
    {
        if (input.Token.Length == 0)
        {
            throw Errors.BadRequest("token is required for TokenReview in authentication");
        }

        return input.Answer(reviewer.Review(input.Token, input.Audiences));
    }

    private async Task<TokenRequestInput> TokenRequestOf(HttpRequest request)
    {
        var media = (request.ContentType ?? string.Empty).Split(';')[0].Trim();
        return media == "application/vnd.kubernetes.protobuf"
            ? TokenRequestBody.FromProtobuf(await RequestBody.BytesAsync(request, maxBodyBytes))
            : TokenRequestBody.FromJson(await RequestBody.ObjectAsync(request, maxBodyBytes));
    }
}
