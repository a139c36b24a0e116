using System.Text;
using System.Text.Json;
using Corral.Core.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace Corral.Server.Tests.Registry;

/// <summary>Helpers shared by the registry tests.</summary>
internal static class RegistryTestKit
{
    /// <summary>Lets the server pull from loopback registries and uses small parts so even tiny models split.</summary>
    public static RegistryOptions AllowLoopback(this ServerFixture server, long partSize = 128 << 10)
    {
        var options = server.Server.Services.GetRequiredService<RegistryOptions>();
        options.AllowPrivateAddresses = true;
        options.MinPartSize = partSize;
        options.MaxPartSize = partSize;
        options.InitialBackoff = TimeSpan.FromMilliseconds(20);
        return options;
    }

    public static RegistryStatistics Statistics(this ServerFixture server) => server.Server.Services.GetRequiredService<RegistryStatistics>();

    /// <summary>Posts to a streaming endpoint and collects every NDJSON line (or the one JSON body).</summary>
    public static async Task<(int Status, List<JsonElement> Lines)> StreamAsync(this ServerFixture server, string path, string json,
        Func<JsonElement, bool>? stopWhen = null)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        var lines = new List<JsonElement>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        while (await reader.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var element = JsonDocument.Parse(line).RootElement.Clone();
            lines.Add(element);
            if (stopWhen?.Invoke(element) == true)
            {
                await cancel.CancelAsync();
                break;
            }
        }

        return ((int)response.StatusCode, lines);
    }

    public static string? Str(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static long Long(this JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetInt64() : 0;

    /// <summary>Copies a stored model (manifest + blobs) into a fake registry as <c>ns/model:tag</c>; returns the manifest.</summary>
    public static Core.Store.Manifest Seed(this FakeRegistry fake, string storeDirectory, string storedModel, string repository)
    {
        var manifestPath = Path.Combine(storeDirectory, "manifests", "registry.ollama.ai", "library", storedModel, "latest");
        var bytes = File.ReadAllBytes(manifestPath);
        fake.Manifests[repository] = bytes;
        var manifest = JsonSerializer.Deserialize<Core.Store.Manifest>(bytes, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        foreach (var layer in manifest.AllBlobs())
        {
            fake.Blobs[layer.Digest] = File.ReadAllBytes(Path.Combine(storeDirectory, "blobs", layer.Digest.Replace(':', '-')));
        }

        return manifest;
    }

    /// <summary>Files in the store's blobs folder (including partial downloads).</summary>
    public static string[] BlobFiles(this ServerFixture server)
    {
        var dir = Path.Combine(server.StoreDirectory, "blobs");
        return Directory.Exists(dir) ? Directory.GetFiles(dir).Select(f => Path.GetFileName(f)).ToArray() : [];
    }

    public static string ManifestJson(string configDigest, long configSize, params (string Digest, long Size)[] layers) =>
        $$"""{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":"{{configDigest}}","size":{{configSize}}},"layers":[{{string.Join(",", layers.Select(l => $$"""{"mediaType":"application/vnd.ollama.image.model","digest":"{{l.Digest}}","size":{{l.Size}}}"""))}}]}""";
}
