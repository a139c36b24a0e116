using System.Text.Json;
using Corral.Api.Models;
using Corral.Api.Serialization;
using Corral.Core.Errors;
using Corral.Inference;
using Microsoft.AspNetCore.Http;

namespace Corral.Server.Errors;

/// <summary>Maps failures to the native API's <c>{"error": "..."}</c> bodies and Ollama's status codes, in one place.</summary>
internal static class NativeErrors
{
    public static (int Status, string Message) Classify(Exception error) => error switch
    {
        CorralException { Kind: ErrorKind.BadRequest } e => (StatusCodes.Status400BadRequest, e.Message),
        CorralException { Kind: ErrorKind.NotFound } e => (StatusCodes.Status404NotFound, e.Message),
        CorralException { Kind: ErrorKind.Busy } e => (StatusCodes.Status503ServiceUnavailable, e.Message),
        CorralException { Kind: ErrorKind.Canceled } e => (499, e.Message),
        CorralException { Kind: ErrorKind.Upstream } e => (StatusCodes.Status502BadGateway, e.Message),
        CorralException { Kind: ErrorKind.Timeout } e => (StatusCodes.Status504GatewayTimeout, e.Message),
        CorralException e => (StatusCodes.Status500InternalServerError, e.Message),
        ModelLoadException e => (StatusCodes.Status500InternalServerError, e.Message),
        JsonException e => (StatusCodes.Status400BadRequest, JsonMessage(e)),
        BadHttpRequestException e => (e.StatusCode, e.Message),
        _ => (StatusCodes.Status500InternalServerError, "internal error: " + error.GetType().Name),
    };

    public static async Task WriteAsync(HttpContext context, Exception error)
    {
        var (status, message) = Classify(error);
        await WriteAsync(context, status, message);
    }

    public static async Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(
            JsonSerializer.Serialize(new ErrorResponse { Error = message }, ApiJsonContext.Wire.ErrorResponse),
            context.RequestAborted);
    }

    /// <summary>The JSON reader's own description, without internal type names.</summary>
    private static string JsonMessage(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var where = e.Path is { Length: > 0 } path ? $" (at {path})" : "";
        return (cut > 0 ? message[..cut] : message).Replace("System.", "", StringComparison.Ordinal) + where;
    }
}
