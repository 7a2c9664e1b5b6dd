using System.Text.Json.Nodes;
using Junction.ApiServer.Schema;
using Junction.ApiServer.Schema.Shapes;
using Junction.ApiServer.Semantics;
using Junction.ApiServer.Store;
using Microsoft.AspNetCore.Http;

namespace Junction.ApiServer.Http;

/// <summary>Answers every request: faults first, then discovery, OpenAPI and the resource endpoints.</summary>
internal sealed class ApiHandler
{
    private readonly ResourceService service;
    private readonly FaultInjector faults;
    private readonly ResourceEndpoint resources;
    private readonly TokenEndpoint tokens;
    private readonly AuthorizationEndpoint reviews;
    private readonly IBuiltinShapes shapes;
    private readonly Func<string> serverAddress;

    public ApiHandler(ResourceService service, FaultInjector faults, ResourceEndpoint resources, TokenEndpoint tokens, AuthorizationEndpoint reviews, IBuiltinShapes shapes, Func<string> serverAddress)
    {
        this.service = service;
        this.faults = faults;
        this.resources = resources;
        this.tokens = tokens;
        this.reviews = reviews;
        this.shapes = shapes;
        this.serverAddress = serverAddress;
    }

    public async Task Handle(HttpContext context)
    {
        try
        {
            if (faults.Latency > TimeSpan.Zero)
            {
                await Task.Delay(faults.Latency, context.RequestAborted);
            }

            var path = context.Request.Path.Value ?? "/";
            var route = RouteParser.Parse(path);
            if (route is not null && TokenEndpoint.Serves(route))
            {
                await tokens.Handle(context, route);
                return;
            }

            if (route is not null && AuthorizationEndpoint.Serves(route))
            {
                await reviews.Handle(context, route);
                return;
            }

            if (route is not null)
            {
                await resources.Handle(context, route);
                return;
            }

            if (path.TrimEnd('/') == "/openapi/v2" && !AcceptsJson(context.Request))
            {
                // kubectl asks for protobuf only; 406 sends it down the path it takes for servers without v2
                // (it then uses the Go types compiled into it), where a JSON answer would fail to decode.
                await Responses.Error(context, new ApiException(System.Net.HttpStatusCode.NotAcceptable, "NotAcceptable", "only the following media types are accepted: application/json"));
                return;
            }

            if (path.TrimEnd('/') is "/healthz" or "/readyz" or "/livez")
            {
                // kube-apiserver answers its health checks in plain text, which `kubectl get --raw /healthz` prints.
                context.Response.ContentType = "text/plain; charset=utf-8";
                context.Response.Headers["X-Content-Type-Options"] = "nosniff";
                await context.Response.WriteAsync("ok", context.RequestAborted);
                return;
            }

            var document = NonResource(path.TrimEnd('/'));
            if (document is null)
            {
                await Responses.Error(context, Errors.PageNotFound());
                return;
            }

            await Responses.Json(context, 200, document);
        }
        catch (ApiException e)
        {
            if (!context.Response.HasStarted)
            {
                await Responses.Error(context, e);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException or ArgumentException)
        {
            // A body of an unexpected shape (a number where a string belongs, ...) is a decoding error, as in kube-apiserver.
            if (!context.Response.HasStarted)
            {
                await Responses.Error(context, Errors.BadRequest($"the object provided could not be decoded: {e.Message}"));
            }
        }
    }

    private JsonNode? NonResource(string path)
    {
        var registry = service.Registry;
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts switch
        {
            ["version"] => Discovery.Version(),
            ["api"] => Discovery.CoreVersions(serverAddress()),
            ["api", var v] => Discovery.Resources(registry, string.Empty, v),
            ["apis"] => Discovery.Groups(registry),
            ["apis", var g] => Discovery.Group(registry, g),
            ["apis", var g, var v] => Discovery.Resources(registry, g, v),
            ["openapi", "v2"] => OpenApiDocuments.V2(registry, shapes),
            ["openapi", "v3"] => OpenApiDocuments.Root(registry, shapes),
            ["openapi", "v3", "api", var v] => OpenApiDocuments.GroupVersion(registry, shapes, string.Empty, v),
            ["openapi", "v3", "apis", var g, var v] => OpenApiDocuments.GroupVersion(registry, shapes, g, v),
            _ => null,
        };
    }

    /// <summary>No Accept header, or one that admits JSON.</summary>
    private static bool AcceptsJson(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        return accept.Length == 0 || accept.Split(',').Select(a => a.Split(';')[0].Trim())
            .Any(m => m is "application/json" or "application/*" or "*/*");
    }
}
