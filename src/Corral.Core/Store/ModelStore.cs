using System.Text;
using System.Text.Json;
using Corral.Api;
using Corral.Api.Models;
using Corral.Core.Errors;

namespace Corral.Core.Store;

/// <summary>The model store: Ollama's on-disk layout of manifests and content-addressed blobs.</summary>
public sealed class ModelStore
{
    /// <summary>Text layers (template, system, params, messages, license) are small; bound what is read.</summary>
    private const long MaxTextLayerBytes = 16 << 20;

    public ModelStore(string root)
    {
        Root = root;
        Blobs = new BlobStore(root);
        Manifests = new ManifestStore(root);
    }

    public string Root { get; }
    public BlobStore Blobs { get; }
    public ManifestStore Manifests { get; }

    /// <summary>Parses a client-supplied name; an invalid one is a 400 <c>invalid model name</c>.</summary>
    public static ModelName ParseName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || !ModelName.TryParse(name.Trim(), out var parsed))
        {
            throw CorralException.BadRequest("invalid model name");
        }

        return parsed;
    }

    /// <summary>Loads a model by name; <see cref="ModelNotFoundException"/> when no manifest answers to it.</summary>
    public LocalModel Get(string? name)
    {
        var parsed = ParseName(name);
        var stored = Manifests.Find(parsed) ?? throw new ModelNotFoundException(name!.Trim());
        return Read(stored);
    }

    public LocalModel? TryGet(string? name)
    {
        try
        {
            return Get(name);
        }
        catch (ModelNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Reads the layers a manifest points at.</summary>
    public LocalModel Read(StoredManifest stored)
    {
        var manifest = stored.Manifest;
        var config = ReadJson(manifest.Config, StoreJsonContext.Default.ModelConfig) ?? new ModelConfig();
        Digest? modelDigest = null;
        string? adapter = null, template = null, system = null;
        var licenses = new List<string>();
        IReadOnlyDictionary<string, JsonElement> parameters = new Dictionary<string, JsonElement>();
        IReadOnlyList<Message> messages = [];
        foreach (var layer in manifest.Layers)
        {
            switch (layer.MediaType)
            {
                case MediaTypes.Model:
                    var weights = ParseDigest(layer);
                    CheckSize(layer, weights);
                    modelDigest = weights;
                    break;
                case MediaTypes.Adapter:
                    adapter = Blobs.PathFor(ParseDigest(layer));
                    break;
                case MediaTypes.Template or MediaTypes.LegacyPrompt:
                    template = ReadText(layer);
                    break;
                case MediaTypes.System:
                    system = ReadText(layer);
                    break;
                case MediaTypes.License:
                    licenses.Add(ReadText(layer));
                    break;
                case MediaTypes.Params:
                    parameters = ReadJson(layer, StoreJsonContext.Default.DictionaryStringJsonElement) ?? [];
                    break;
                case MediaTypes.Messages:
                    messages = ReadJson(layer, StoreJsonContext.Default.MessageArray) ?? [];
                    break;
            }
        }

        return new LocalModel
        {
            Stored = stored,
            Config = config,
            ModelDigest = modelDigest,
            ModelPath = modelDigest is { } d ? Blobs.PathFor(d) : null,
            AdapterPath = adapter,
            Template = template,
            System = system,
            Licenses = licenses,
            Parameters = parameters,
            Messages = messages,
        };
    }

    /// <summary>Copies a model under a new name (a manifest copy; blobs are shared).</summary>
    public void Copy(string? source, string? destination)
    {
        var src = ParseName(source);
        var dst = ParseName(destination);
        var stored = Manifests.Find(src) ?? throw new ModelNotFoundException(source!.Trim());
        Manifests.Write(dst, stored.Manifest);
    }

    /// <summary>Deletes a model and every blob of it that no other model uses.</summary>
    public void Delete(string? name)
    {
        var parsed = ParseName(name);
        var stored = Manifests.Find(parsed) ?? throw new ModelNotFoundException(name!.Trim());
        Manifests.Delete(stored.Name);
        var stillUsed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var other in Manifests.List())
        {
            foreach (var layer in other.Manifest.AllBlobs())
            {
                stillUsed.Add(layer.Digest);
            }
        }

        foreach (var layer in stored.Manifest.AllBlobs())
        {
            if (!stillUsed.Contains(layer.Digest) && Digest.TryParse(layer.Digest, out var digest))
            {
                Blobs.Delete(digest);
            }
        }
    }

    /// <summary>
    /// A weights blob may be a hard link to a file the user owns (see <see cref="BlobStore.ImportFileAsync"/>); a size
    /// that no longer matches the manifest means it was rewritten behind the store's back. Checking the size is free;
    /// <see cref="BlobStore.VerifyAsync"/> rehashes when in doubt.
    /// </summary>
    private void CheckSize(Layer layer, Digest digest)
    {
        var file = new FileInfo(Blobs.PathFor(digest));
        if (file.Exists && layer.Size > 0 && file.Length != layer.Size)
        {
            throw CorralException.Internal(
                $"blob {digest} of the model changed on disk ({file.Length} bytes, the manifest says {layer.Size}); remove the model and create or pull it again");
        }
    }

    private Digest ParseDigest(Layer layer) =>
        Digest.TryParse(layer.Digest, out var digest)
            ? digest
            : throw CorralException.Internal($"manifest has an invalid layer digest (media type {layer.MediaType})");

    private string ReadText(Layer layer) => Encoding.UTF8.GetString(ReadLayer(layer));

    private T? ReadJson<T>(Layer layer, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(ReadLayer(layer), type);
        }
        catch (JsonException e)
        {
            throw CorralException.Internal($"layer {layer.Digest} ({layer.MediaType}) is not valid JSON", e);
        }
    }

    private byte[] ReadLayer(Layer layer)
    {
        var digest = ParseDigest(layer);
        var path = Blobs.PathFor(digest);
        if (!File.Exists(path))
        {
            throw CorralException.Internal($"blob {digest} of the model is missing from the store");
        }

        if (new FileInfo(path).Length > MaxTextLayerBytes)
        {
            throw CorralException.Internal($"layer {digest} ({layer.MediaType}) is too large");
        }

        return File.ReadAllBytes(path);
    }
}
