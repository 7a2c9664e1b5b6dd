namespace Junction.Injection;

/// <summary>An HTTP answer of the webhook.</summary>
/// <param name="StatusCode">200 for every AdmissionReview answered; 400 for a body that is none.</param>
/// <param name="ContentType">The body's media type.</param>
/// <param name="Body">The body.</param>
internal sealed record WebhookAnswer(int StatusCode, string ContentType, string Body);
