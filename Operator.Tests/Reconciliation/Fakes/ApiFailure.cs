using System.Net;
using k8s.Autorest;

namespace Junction.Tests.Reconciliation.Fakes;

/// <summary>The exception the Kubernetes client throws for an HTTP error status.</summary>
internal static class ApiFailure
{
    public static HttpOperationException Of(HttpStatusCode status, string message = "") =>
        new($"Operation returned an invalid status code '{status}'")
        {
            Response = new HttpResponseMessageWrapper(new HttpResponseMessage(status), $$"""{"kind":"Status","message":"{{message}}"}"""),
        };
}
