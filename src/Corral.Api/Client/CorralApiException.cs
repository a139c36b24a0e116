using System.Net;

namespace Corral.Api.Client;

/// <summary>The server answered with an error (<c>{"error": "..."}</c>), before or during a stream.</summary>
public sealed class CorralApiException : Exception
{
    public CorralApiException(HttpStatusCode statusCode, string message) : base(message) => StatusCode = statusCode;

    /// <summary>The HTTP status; 200 when the error arrived as the last line of a stream.</summary>
    public HttpStatusCode StatusCode { get; }
}
