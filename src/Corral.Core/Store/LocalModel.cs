using System.Text.Json;
using Corral.Api;
using Corral.Api.Models;

namespace Corral.Core.Store;

/// <summary>A model in the store with its layers read: what a request needs to run it.</summary>
public sealed record LocalModel
{
    public required StoredManifest Stored { get; init; }
    public required ModelConfig Config { get; init; }

    /// <summary>Digest of the GGUF weights layer; null for a model without weights.</summary>
    public Digest? ModelDigest { get; init; }
    public string? ModelPath { get; init; }
    public string? AdapterPath { get; init; }
    public string? Template { get; init; }
    public string? System { get; init; }
    public IReadOnlyList<string> Licenses { get; init; } = [];
    public IReadOnlyDictionary<string, JsonElement> Parameters { get; init; } = new Dictionary<string, JsonElement>();
    public IReadOnlyList<Message> Messages { get; init; } = [];

    public ModelName Name => Stored.Name;

    /// <summary>Shortest display form, e.g. <c>llama3.2:latest</c>.</summary>
    public string DisplayName => Stored.Name.DisplayShortest;
}
