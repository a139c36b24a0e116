using System.Text.Json;

namespace Corral.Api.Models;

/// <summary>Body of <c>POST /api/copy</c>.</summary>
public sealed record CopyRequest
{
    public string? Source { get; init; }
    public string? Destination { get; init; }
}

/// <summary>Body of <c>DELETE /api/delete</c>. <c>name</c> is the older spelling of <c>model</c>.</summary>
public sealed record DeleteRequest
{
    public string? Model { get; init; }
    public string? Name { get; init; }
}

/// <summary>Body of <c>POST /api/create</c>.</summary>
public sealed record CreateRequest
{
    public string? Model { get; init; }
    public string? Name { get; init; }
    /// <summary>An existing model to build on.</summary>
    public string? From { get; init; }
    /// <summary>Uploaded files: relative file name to <c>sha256:</c> digest.</summary>
    public Dictionary<string, string>? Files { get; init; }
    public Dictionary<string, string>? Adapters { get; init; }
    public string? Template { get; init; }
    public string? System { get; init; }
    /// <summary>A string or an array of strings.</summary>
    public JsonElement? License { get; init; }
    public Dictionary<string, JsonElement>? Parameters { get; init; }
    public Message[]? Messages { get; init; }
    public string? Requires { get; init; }
    public string? Quantize { get; init; }
    public bool? Stream { get; init; }
}

/// <summary>Body of <c>POST /api/pull</c> and <c>POST /api/push</c>.</summary>
public sealed record PullRequest
{
    public string? Model { get; init; }
    public string? Name { get; init; }
    public bool Insecure { get; init; }
    public bool? Stream { get; init; }
}

/// <summary>A status line of a long operation (create, pull, push).</summary>
public sealed record ProgressResponse
{
    public string Status { get; init; } = "";
    public string? Digest { get; init; }
    public long? Total { get; init; }
    public long? Completed { get; init; }
}

public sealed record VersionResponse
{
    public string Version { get; init; } = "";
}

/// <summary>Ollama's error body: <c>{"error": "..."}</c>.</summary>
public sealed record ErrorResponse
{
    public string Error { get; init; } = "";
}
