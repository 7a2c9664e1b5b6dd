using System.Globalization;
using System.Text.Json.Nodes;
using Junction.ApiServer.Semantics;
using Junction.ApiServer.Store;
using Junction.ApiServer.Tables;
using Junction.ApiServer.Watch;
using Microsoft.AspNetCore.Http;

namespace Junction.ApiServer.Http;

/// <summary>The REST verbs on /api/v1/... and /apis/group/version/...: get, list, watch, create, update, patch, delete.</summary>
internal sealed class ResourceEndpoint
{
    private readonly ResourceService service;
    private readonly FaultInjector faults;
    private readonly RequestLog log;
    private readonly WatchStream watches;
    private readonly TimeProvider time;
    private readonly CancellationToken stopping;
    private readonly long maxBodyBytes;

    public ResourceEndpoint(ResourceService service, FaultInjector faults, RequestLog log, WatchStream watches, TimeProvider time, long maxBodyBytes, CancellationToken stopping)
    {
        this.maxBodyBytes = maxBodyBytes;
        this.service = service;
        this.faults = faults;
        this.log = log;
        this.watches = watches;
        this.time = time;
        this.stopping = stopping;
    }

    public async Task Handle(HttpContext context, ApiRoute route)
    {
        var type = service.Registry.Find(route.Group, route.Version, route.Resource) ?? throw Errors.PageNotFound();
        var known = (route.Subresource == "status" && type.HasStatus)
            || (route.Subresource == "scale" && ResourceService.HasScale(type))
            || (route.Subresource == "finalize" && type.Key == "namespaces");
        if (route.Subresource.Length > 0 && !known)
        {
            throw Errors.PageNotFound();
        }

        var ns = type.Namespaced ? route.Namespace : string.Empty;
        var verb = Verb(context.Request, route);
        var resource = route.Subresource.Length > 0 ? $"{type.Plural}/{route.Subresource}" : type.Plural;
        try
        {
            if (faults.Take(verb, resource) is { } fault)
            {
                await FaultResponse.Write(context, fault, type.QualifiedName, route.Name);
                return;
            }

            await Dispatch(context, type, ns, route, verb);
        }
        catch (ApiException e)
        {
            await Responses.Error(context, e);
        }
        finally
        {
            log.Add(new RecordedRequest(verb, resource, ns, route.Name, context.Response.StatusCode));
        }
    }

    private async Task Dispatch(HttpContext context, ResourceType type, string ns, ApiRoute route, string verb)
    {
        var request = context.Request;
        var subresource = route.Subresource == "finalize" ? string.Empty : route.Subresource;
        if (subresource == "scale")
        {
            await Scale(context, type, ns, route.Name, verb);
            return;
        }

        switch (verb)
        {
            case "get":
                var format = AcceptHeader.Negotiate(request, list: false);
                await Single(context, type, service.Get(type, ns, route.Name), format);
                break;
            case "list":
                var listFormat = AcceptHeader.Negotiate(request, list: true);
                var list = service.List(type, RequestOptions.List(request, type, ns));
                if (listFormat == ObjectFormat.Table)
                {
                    await Responses.Json(context, 200, TableBuilder.Build(type, list.Items, list.ResourceVersion, list.Continue, request.Query["includeObject"].ToString(), time.GetUtcNow()));
                }
                else
                {
                    await Responses.List(context, type, list, metadataOnly: listFormat == ObjectFormat.Metadata);
                }

                break;
            case "watch":
                await watches.Run(context, type, RequestOptions.List(request, type, ns), AcceptHeader.Negotiate(request, list: false), stopping);
                break;
            case "create":
                var createOptions = RequestOptions.Write(request);
                var (createBody, createWarnings) = await TypedBody.ReadAsync(request, type, maxBodyBytes, createOptions);
                var created = service.Create(type, ns, createBody, createOptions);
                await Responses.Json(context, 201, created.Object, [.. createWarnings, .. created.Warnings]);
                break;
            case "update":
                var updateOptions = RequestOptions.Write(request);
                var (updateBody, updateWarnings) = await TypedBody.ReadAsync(request, type, maxBodyBytes, updateOptions);
                var updated = service.Update(type, ns, route.Name, updateBody, subresource, updateOptions);
                await Responses.Json(context, 200, updated.Object, [.. updateWarnings, .. updated.Warnings]);
                break;
            case "patch":
                var text = await PatchText(request);
                var patchOptions = RequestOptions.Write(request) with { StrictIssues = PatchIssues(request.ContentType, text) };
                var patched = service.Patch(type, ns, route.Name, request.ContentType ?? string.Empty, text, subresource, patchOptions);
                await Responses.Json(context, patched.Created ? 201 : 200, patched.Object, patched.Warnings);
                break;
            case "delete":
                var deleted = service.Delete(type, ns, route.Name, await DeleteOptionsOf(request));
                await Responses.Json(context, deleted.Pending ? 202 : 200, deleted.Object);
                break;
            case "deletecollection":
                var query = RequestOptions.List(request, type, ns);
                var options = await DeleteOptionsOf(request);
                var gone = service.DeleteCollection(type, ns, o => query.Labels.Matches(Meta.Labels(o)) && query.Fields.Matches(o), options);
                var result = new JsonObject
                {
                    ["kind"] = type.ListKind,
                    ["apiVersion"] = type.ApiVersion,
                    ["metadata"] = new JsonObject { ["resourceVersion"] = service.Store.Revision.ToString(CultureInfo.InvariantCulture) },
                    ["items"] = new JsonArray(gone.Select(g => (JsonNode?)g).ToArray()),
                };
                await Responses.Json(context, 200, result);
                break;
            default:
                throw Errors.MethodNotAllowed($"the server does not allow this method on the requested resource");
        }
    }

    private async Task Scale(HttpContext context, ResourceType type, string ns, string name, string verb)
    {
        var text = verb == "get" ? string.Empty : await PatchText(context.Request);
        var scale = verb switch
        {
            "get" => service.GetScale(type, ns, name),
            "update" => service.UpdateScale(type, ns, name, null, text, RequestOptions.Write(context.Request)),
            "patch" => service.UpdateScale(type, ns, name, context.Request.ContentType ?? string.Empty, text, RequestOptions.Write(context.Request)),
            _ => throw Errors.MethodNotAllowed("the server does not allow this method on the requested resource"),
        };
        await Responses.Json(context, 200, scale);
    }

    private async Task Single(HttpContext context, ResourceType type, JsonObject obj, ObjectFormat format)
    {
        if (format == ObjectFormat.Metadata)
        {
            await Responses.Metadata(context, obj);
            return;
        }

        if (format == ObjectFormat.Table)
        {
            var table = TableBuilder.Build(type, [obj], long.Parse(Meta.ResourceVersion(obj), CultureInfo.InvariantCulture), null, context.Request.Query["includeObject"].ToString(), time.GetUtcNow());
            await Responses.Json(context, 200, table);
            return;
        }

        await Responses.Json(context, 200, obj);
    }

    /// <summary>A patch or apply body within the size limit; JSON patches are checked for depth before they are parsed.</summary>
    private async Task<string> PatchText(HttpRequest request)
    {
        var text = await RequestBody.TextAsync(request, maxBodyBytes);
        var media = (request.ContentType ?? string.Empty).Split(';')[0].Trim();
        if (media.EndsWith("json", StringComparison.Ordinal))
        {
            try
            {
                RequestBody.CheckDepth(text);
            }
            catch (System.Text.Json.JsonException e)
            {
                throw Errors.BadRequest($"error decoding patch: {e.Message}");
            }
        }

        return text;
    }

    /// <summary>What strict decoding finds in a patch body itself: duplicate members, and a JSON patch's unknown operation members.</summary>
    private static IReadOnlyList<string> PatchIssues(string? contentType, string text)
    {
        var media = (contentType ?? string.Empty).Split(';')[0].Trim();
        try
        {
            return media switch
            {
                "application/json-patch+json" => Decoding.StrictDecoding.JsonPatchIssues(text),
                "application/merge-patch+json" or "application/strategic-merge-patch+json" => Decoding.StrictDecoding.PatchDuplicates(Decoding.StrictJson.Parse(text, "the patch")),
                _ => [],
            };
        }
        catch (System.Text.Json.JsonException)
        {
            // The patcher reports a body that is not JSON, in its own words.
            return [];
        }
        catch (ApiException)
        {
            return [];
        }
    }

    private static string Verb(HttpRequest request, ApiRoute route)
    {
        var collection = route.Name.Length == 0;
        return request.Method switch
        {
            "GET" when collection && RequestOptions.IsTrue(request.Query["watch"]) => "watch",
            "GET" when collection => "list",
            "GET" => "get",
            "POST" when collection => "create",
            "PUT" when !collection => "update",
            "PATCH" when !collection => "patch",
            "DELETE" when collection => "deletecollection",
            "DELETE" => "delete",
            _ => "unsupported",
        };
    }

    private async Task<DeleteOptions> DeleteOptionsOf(HttpRequest request)
    {
        var q = request.Query;
        string? policy = q["propagationPolicy"];
        string? uid = null;
        string? rv = null;
        var dryRun = q["dryRun"].ToString() == "All";
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var body = await RequestBody.ObjectAsync(request, maxBodyBytes);
            policy = body["propagationPolicy"]?.GetValue<string>() ?? policy;
            if (body["orphanDependents"]?.GetValue<bool>() == true)
            {
                policy ??= "Orphan";
            }

            uid = body["preconditions"]?["uid"]?.GetValue<string>();
            rv = body["preconditions"]?["resourceVersion"]?.GetValue<string>();
            dryRun |= body["dryRun"] is JsonArray { Count: > 0 };
        }

        if (string.IsNullOrEmpty(policy) && q["orphanDependents"] == "true")
        {
            policy = "Orphan";
        }

        return new DeleteOptions(string.IsNullOrEmpty(policy) ? null : policy, uid, rv, dryRun);
    }
}
