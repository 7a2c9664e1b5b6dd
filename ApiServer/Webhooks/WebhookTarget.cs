namespace Junction.ApiServer.Webhooks;

/// <summary>Where a webhook is called: the URL as kube-apiserver names it in messages, and the address actually dialled.</summary>
/// <param name="Url">https://host:port/path?timeout=Ns; for a service, host is &lt;name&gt;.&lt;namespace&gt;.svc (the TLS server name).</param>
/// <param name="Host">The host dialled.</param>
/// <param name="Port">The port dialled.</param>
internal sealed record WebhookTarget(string Url, string Host, int Port);
