using System.Text.Json;
using Corral.Core.Errors;
using Corral.Inference;
using Corral.Protocols;
using Corral.Protocols.OpenAI;
using Microsoft.AspNetCore.Http;

namespace Corral.Server.Endpoints.OpenAI;

/// <summary>Maps failures to OpenAI's <c>{"error":{...}}</c> body and status codes, in one place.</summary>
internal static class OpenAIErrors
{
    public static (int Status, OpenAIError Error) Classify(Exception error) => error switch
    {
        ProtocolException e => (400, Invalid(e.Message, e.Param)),
        ModelNotFoundException e => (404, new OpenAIError { Message = e.Message, Type = "not_found_error", Param = "model", Code = "model_not_found" }),
        CorralException { Kind: ErrorKind.NotFound } e => (404, new OpenAIError { Message = e.Message, Type = "not_found_error" }),
        CorralException { Kind: ErrorKind.BadRequest } e => (400, Invalid(e.Message, null)),
        CorralException { Kind: ErrorKind.Busy } e => (503, new OpenAIError { Message = e.Message, Type = "api_error", Code = "server_busy" }),
        CorralException { Kind: ErrorKind.Upstream } e => (502, new OpenAIError { Message = e.Message, Type = "api_error", Code = "upstream_error" }),
        CorralException { Kind: ErrorKind.Timeout } e => (504, new OpenAIError { Message = e.Message, Type = "api_error", Code = "timeout" }),
        CorralException { Kind: ErrorKind.Canceled } e => (499, new OpenAIError { Message = e.Message, Type = "api_error", Code = "canceled" }),
        CorralException e => (500, new OpenAIError { Message = e.Message }),
        ModelLoadException e => (500, new OpenAIError { Message = e.Message, Code = "model_load_failed" }),
        JsonException e => (400, Invalid(JsonMessage(e), e.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : null)),
        BadHttpRequestException e => (e.StatusCode, Invalid(e.Message, null)),
        _ => (500, new OpenAIError { Message = "internal error: " + error.GetType().Name }),
    };

    public static async Task WriteAsync(HttpContext context, Exception error)
    {
        var (status, body) = Classify(error);
        await WriteAsync(context, status, body);
    }

    public static async Task WriteAsync(HttpContext context, int status, OpenAIError error)
    {
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, new OpenAIErrorResponse { Error = error },
            OpenAIJsonContext.Wire.OpenAIErrorResponse, context.RequestAborted);
    }

    private static OpenAIError Invalid(string message, string? param) => new() { Message = message, Type = "invalid_request_error", Param = param };

    private static string JsonMessage(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return "invalid JSON body: " + (cut > 0 ? message[..cut] : message).Replace("System.", "", StringComparison.Ordinal);
    }
}
