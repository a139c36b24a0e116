using System.Text.Json;
using Corral.Core.Errors;
using Corral.Inference;
using Corral.Protocols;
using Corral.Protocols.Anthropic;
using Microsoft.AspNetCore.Http;

namespace Corral.Server.Endpoints.Anthropic;

/// <summary>Maps failures to Anthropic's error shape and status codes: 400 <c>invalid_request_error</c>, 404
/// <c>not_found_error</c>, 529 <c>overloaded_error</c> (queue full), 504 <c>timeout_error</c> (deadline passed before
/// any output), 500 <c>api_error</c>.</summary>
internal static class AnthropicErrors
{
    public const int Overloaded = 529;

    public static (int Status, string Type, string Message) Classify(Exception error) => error switch
    {
        ProtocolException e => (StatusCodes.Status400BadRequest, "invalid_request_error", e.Message),
        CorralException { Kind: ErrorKind.BadRequest } e => (StatusCodes.Status400BadRequest, "invalid_request_error", e.Message),
        CorralException { Kind: ErrorKind.NotFound } e => (StatusCodes.Status404NotFound, "not_found_error", e.Message),
        CorralException { Kind: ErrorKind.Busy } e => (Overloaded, "overloaded_error", e.Message),
        CorralException { Kind: ErrorKind.Upstream } e => (StatusCodes.Status502BadGateway, "api_error", e.Message),
        CorralException { Kind: ErrorKind.Timeout } e => (StatusCodes.Status504GatewayTimeout, "timeout_error", e.Message),
        CorralException e => (StatusCodes.Status500InternalServerError, "api_error", e.Message),
        ModelLoadException e => (StatusCodes.Status500InternalServerError, "api_error", e.Message),
        JsonException e => (StatusCodes.Status400BadRequest, "invalid_request_error", JsonMessage(e)),
        BadHttpRequestException e => (e.StatusCode, "invalid_request_error", e.Message),
        _ => (StatusCodes.Status500InternalServerError, "api_error", "internal error: " + error.GetType().Name),
    };

    public static async Task WriteAsync(HttpContext context, Exception error)
    {
        var (status, type, message) = Classify(error);
        context.Response.StatusCode = status;
        if (status == Overloaded)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(
            JsonSerializer.Serialize(ErrorResponse.Of(type, message), AnthropicJsonContext.Wire.ErrorResponse),
            context.RequestAborted);
    }

    private static string JsonMessage(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var where = e.Path is { Length: > 0 } path ? $" (at {path})" : "";
        return "invalid request body: " + (cut > 0 ? message[..cut] : message).Replace("System.", "", StringComparison.Ordinal) + where;
    }
}
