using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Junction.Runtime.Informers;

/// <summary>
/// Lists and watches one kind over the client's HTTP pipeline (authentication, TLS and any
/// test handler included). It speaks the REST protocol directly because the generated and
/// generic clients do not expose resourceVersion, bookmarks and selectors together for watches
/// of every kind, built-in and custom alike. With <see cref="InformerOptions.MetadataOnly"/> it asks for
/// PartialObjectMetadata and decodes only the metadata into <typeparamref name="T"/>.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed class KubernetesListerWatcher<T> : IListerWatcher<T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    private const string MetadataListMediaType = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";
    private const string MetadataMediaType = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1";

    private readonly Kubernetes client;
    private readonly ResourceType type;
    private readonly InformerOptions options;
    private readonly TimeProvider timeProvider;

    /// <summary>Creates a lister-watcher for <paramref name="type"/> scoped by <paramref name="options"/>.</summary>
    public KubernetesListerWatcher(Kubernetes client, ResourceType type, InformerOptions options, TimeProvider timeProvider)
    {
        this.client = client;
        this.timeProvider = timeProvider;
        this.type = type;
        this.options = options;
    }

    /// <inheritdoc />
    public async Task<ResourceList<T>> ListAsync(CancellationToken cancellationToken)
    {
        var items = new List<T>();
        var undecodable = new List<UndecodableObject<T>>();
        string? continueToken = null;
        while (true)
        {
            var query = Selectors();
            query.Add(("limit", options.PageSize.ToString(CultureInfo.InvariantCulture)));
            if (continueToken is not null)
            {
                query.Add(("continue", continueToken));
            }
            using var response = await SendAsync(query, MetadataListMediaType, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            using var page = JsonDocument.Parse(body);
            var root = page.RootElement;
            if (root.TryGetProperty("items", out var pageItems) && pageItems.ValueKind == JsonValueKind.Array)
            {
                // Item by item: one object the model cannot hold must not hide every other one.
                foreach (var item in pageItems.EnumerateArray())
                {
                    if (Decode(item, out var error) is { } obj)
                    {
                        items.Add(obj);
                    }
                    else if (MetadataOnly(item) is { } skipped)
                    {
                        undecodable.Add(new UndecodableObject<T>(skipped, error));
                    }
                }
            }
            var metadata = root.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
            continueToken = Text(metadata, "continue");
            if (string.IsNullOrEmpty(continueToken))
            {
                return new ResourceList<T>(items, Text(metadata, "resourceVersion") ?? "", undecodable);
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(string resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = Selectors();
        query.Add(("watch", "true"));
        query.Add(("allowWatchBookmarks", "true"));
        query.Add(("resourceVersion", resourceVersion));
        // Like client-go, spread watch ends between the timeout and twice it, so that many
        // informers restarted together do not all re-watch at the same moment.
        var timeoutSeconds = (int)(options.WatchTimeout.TotalSeconds * (1 + Random.Shared.NextDouble()));
        query.Add(("timeoutSeconds", timeoutSeconds.ToString(CultureInfo.InvariantCulture)));
        using var response = await SendAsync(query, MetadataMediaType, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.Length > 0)
                {
                    yield return ParseEvent(line);
                }
            }
        }
    }

    private WatchEvent<T> ParseEvent(string line)
    {
        using var document = JsonDocument.Parse(line);
        var typeName = document.RootElement.GetProperty("type").GetString();
        if (typeName == "ERROR")
        {
            var status = KubernetesJson.Deserialize<V1Status>(document.RootElement.GetProperty("object").GetRawText());
            var code = (HttpStatusCode)(status.Code ?? 500);
            throw new ApiStatusException(code, $"Watch of {type.Plural} failed: {(int)code} {status.Reason}: {status.Message}", status);
        }
        var eventType = typeName switch
        {
            "ADDED" => WatchEventType.Added,
            "MODIFIED" => WatchEventType.Modified,
            "DELETED" => WatchEventType.Deleted,
            "BOOKMARK" => WatchEventType.Bookmark,
            _ => throw new InvalidDataException($"Watch of {type.Plural} sent an event of unknown type {typeName}."),
        };
        var element = document.RootElement.GetProperty("object");
        if (Decode(element, out var error) is { } obj)
        {
            return new WatchEvent<T>(eventType, obj);
        }
        var skipped = MetadataOnly(element) ?? throw new InvalidDataException($"Watch of {type.Plural} sent an object without metadata: {error}");
        return new WatchEvent<T>(eventType, skipped, error);
    }

    private T? Decode(JsonElement element, out string error)
    {
        try
        {
            error = "";
            var obj = KubernetesJson.Deserialize<T>(options.MetadataOnly ? MetadataOf(element) : element.GetRawText());
            return options.Transform is { } transform ? (T)transform(obj) : obj;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or OverflowException or NotSupportedException or ArgumentException)
        {
            error = e.Message;
            return default;
        }
    }

    /// <summary>
    /// A PartialObjectMetadata as the kind it describes: the type's apiVersion and kind with the metadata, and
    /// nothing else even from a server that sent more.
    /// </summary>
    private string MetadataOf(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("the object has no metadata");
        }
        var shell = new JsonObject
        {
            ["apiVersion"] = type.ApiVersion,
            ["kind"] = type.Kind,
            ["metadata"] = JsonNode.Parse(metadata.GetRawText()),
        };
        return shell.ToJsonString();
    }

    /// <summary>An object with only the apiVersion, kind and identifying metadata of <paramref name="element"/>, read leniently.</summary>
    private T? MetadataOnly(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return default;
        }
        var metadata = element.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        var shell = new JsonObject
        {
            ["apiVersion"] = Text(element, "apiVersion") ?? type.ApiVersion,
            ["kind"] = Text(element, "kind") ?? type.Kind,
            ["metadata"] = new JsonObject
            {
                ["name"] = Text(metadata, "name"),
                ["namespace"] = Text(metadata, "namespace"),
                ["uid"] = Text(metadata, "uid"),
                ["resourceVersion"] = Text(metadata, "resourceVersion"),
            },
        };
        return KubernetesJson.Deserialize<T>(shell.ToJsonString());
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private List<(string Name, string Value)> Selectors()
    {
        var query = new List<(string, string)>();
        if (!string.IsNullOrEmpty(options.LabelSelector))
        {
            query.Add(("labelSelector", options.LabelSelector));
        }
        if (!string.IsNullOrEmpty(options.FieldSelector))
        {
            query.Add(("fieldSelector", options.FieldSelector));
        }
        return query;
    }

    private async Task<HttpResponseMessage> SendAsync(List<(string Name, string Value)> query, string metadataMediaType, CancellationToken cancellationToken)
    {
        var path = type.CollectionPath(options.Namespace) + "?" +
            string.Join("&", query.Select(q => $"{q.Name}={Uri.EscapeDataString(q.Value)}"));
        var root = client.BaseUri.ToString().TrimEnd('/');
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{root}/{path}"));
        if (options.MetadataOnly)
        {
            // No plain application/json alternative: a server that cannot answer with metadata answers 406
            // rather than sending the full objects.
            request.Headers.TryAddWithoutValidation("Accept", metadataMediaType);
        }
        if (client.Credentials is not null)
        {
            await client.Credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }
        var response = await client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            throw await ErrorFromAsync(response, path, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ApiStatusException> ErrorFromAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        V1Status? status = null;
        try
        {
            status = body.Length > 0 ? KubernetesJson.Deserialize<V1Status>(body) : null;
        }
        catch (JsonException)
        {
        }
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - timeProvider.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        var code = (int)response.StatusCode;
        return new ApiStatusException(response.StatusCode, $"GET {path} failed: {code} {status?.Reason ?? response.ReasonPhrase}: {status?.Message ?? body}", status, retryAfter);
    }
}
