using System.Buffers;
using System.Text.Json;
using Corral.Api.Models;
using Corral.Core.Errors;
using Corral.Gguf;

namespace Corral.Core.Models;

/// <summary>Reads what Corral needs from a GGUF header (never the weights). All GGUF access of the core is here.</summary>
internal static class GgufInspector
{
    /// <summary>Token lists are large and not needed for facts: skip loading arrays longer than this.</summary>
    private static readonly GgufReadOptions FactsOptions = new() { MaxLoadedArrayLength = 64 };

    public static ModelFacts Facts(string path)
    {
        using var stream = OpenStream(path);
        var file = Read(stream, FactsOptions);
        var metadata = file.Metadata;
        var (bos, eos) = SpecialTokens(stream, metadata);
        var arch = file.Architecture ?? "";
        ulong parameters = 0;
        foreach (var tensor in file.Tensors)
        {
            parameters += (ulong)tensor.ElementCount;
        }

        return new ModelFacts
        {
            Architecture = arch,
            TrainedContextLength = ClampInt(metadata.GetUInt64OrNull($"{arch}.context_length")),
            EmbeddingLength = ClampInt(metadata.GetUInt64OrNull($"{arch}.embedding_length")),
            ParameterSize = parameters == 0 ? "" : HumanNumber.Format(parameters),
            QuantizationLevel = GgufFileTypes.GetQuantizationLevel(file),
            ChatTemplate = metadata.GetStringOrNull("tokenizer.chat_template"),
            IsEmbeddingModel = metadata.TryGetUInt32($"{arch}.pooling_type", out var pooling) && pooling != 0,
            FileSize = file.FileSize,
            BosToken = bos,
            EosToken = eos,
        };
    }

    /// <summary>BOS and EOS as text: the token list is loaded (once per model) only to look the two up.</summary>
    private static (string Bos, string Eos) SpecialTokens(Stream stream, GgufMetadata metadata)
    {
        if (!metadata.TryGetArray("tokenizer.ggml.tokens", out var array))
        {
            return ("", "");
        }

        try
        {
            var loaded = array.IsLoaded ? array : GgufReader.LoadArray(stream, array);
            var tokens = loaded.GetValues<string>();
            string Token(string key) =>
                metadata.TryGetUInt32(key, out var id) && id < tokens.Length ? tokens.Span[(int)id] : "";
            return (Token("tokenizer.ggml.bos_token_id"), Token("tokenizer.ggml.eos_token_id"));
        }
        catch (GgufFormatException e)
        {
            throw CorralException.Internal(e.Message, e);
        }
    }

    /// <summary><c>model_info</c> (every key but <c>general.name</c> and the chat template; arrays over 5 items shown
    /// empty unless verbose, as Ollama does) and the tensor table.</summary>
    public static (Dictionary<string, JsonElement> ModelInfo, TensorInfo[] Tensors) Inspect(string path, bool verbose)
    {
        var file = Open(path, verbose ? GgufReadOptions.Default : FactsOptions);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var entry in file.Metadata.Entries)
            {
                if (entry.Key is "general.name" or "tokenizer.chat_template")
                {
                    continue;
                }

                writer.WritePropertyName(entry.Key);
                WriteValue(writer, entry.Value, verbose);
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        var info = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            info[property.Name] = property.Value.Clone();
        }

        var tensors = new TensorInfo[file.Tensors.Count];
        for (var i = 0; i < tensors.Length; i++)
        {
            var t = file.Tensors[i];
            tensors[i] = new TensorInfo { Name = t.Name, Type = t.TypeInfo.Name, Shape = [.. t.Dimensions] };
        }

        return (info, tensors);
    }

    private static GgufFile Open(string path, GgufReadOptions options)
    {
        using var stream = OpenStream(path);
        return Read(stream, options);
    }

    private static FileStream OpenStream(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.RandomAccess);
        }
        catch (IOException e)
        {
            throw CorralException.Internal("the model file could not be read: " + e.GetType().Name, e);
        }
    }

    private static GgufFile Read(Stream stream, GgufReadOptions options)
    {
        try
        {
            return GgufReader.Read(stream, options);
        }
        catch (GgufFormatException e)
        {
            throw CorralException.Internal(e.Message, e);
        }
        catch (IOException e)
        {
            throw CorralException.Internal("the model file could not be read: " + e.GetType().Name, e);
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, GgufValue value, bool verbose)
    {
        if (value.TryGetArray(out var array))
        {
            writer.WriteStartArray();
            if ((verbose || array.Count <= 5) && array.ToObject() is { } items)
            {
                foreach (var item in items)
                {
                    WriteScalar(writer, item);
                }
            }

            writer.WriteEndArray();
            return;
        }

        WriteScalar(writer, value.ToObject());
    }

    private static void WriteScalar(Utf8JsonWriter writer, object? item)
    {
        switch (item)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case float f when float.IsFinite(f): writer.WriteNumberValue(f); break;
            case double d when double.IsFinite(d): writer.WriteNumberValue(d); break;
            case float or double: writer.WriteNullValue(); break;
            case ulong u: writer.WriteNumberValue(u); break;
            case IConvertible c: writer.WriteNumberValue(c.ToInt64(System.Globalization.CultureInfo.InvariantCulture)); break;
            default: writer.WriteStringValue(item.ToString()); break;
        }
    }

    private static int ClampInt(ulong? value) => value is { } v ? (int)Math.Min(v, int.MaxValue) : 0;
}
