using System.Runtime.InteropServices;

namespace Corral.Gguf.Synthetic;

/// <summary>
/// Builds a llama-family GGUF with seeded random weights that llama.cpp loads and runs: the right tensor names and
/// shapes (<see cref="LlamaTensorLayout"/>), the hyperparameter keys llama.cpp requires, and a vocabulary.
/// Random weights run exactly as fast as trained ones, so real shapes make realistic benchmark models.
/// </summary>
public sealed class SyntheticLlamaModel
{
    private const float RandomScale = 0.05f;

    /// <summary>Creates a builder for a shape and vocabulary.</summary>
    public SyntheticLlamaModel(TransformerShape shape, SyntheticVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(vocabulary);
        shape.Validate();
        Shape = shape;
        Vocabulary = vocabulary;
    }

    /// <summary>The model shape.</summary>
    public TransformerShape Shape { get; }

    /// <summary>The vocabulary.</summary>
    public SyntheticVocabulary Vocabulary { get; }

    /// <summary>Seed for the weights; the same seed gives byte-identical files.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Type of the weight matrices: <see cref="GgmlType.F32"/> (default) or <see cref="GgmlType.F16"/>. Norms and biases stay F32.</summary>
    public GgmlType WeightType { get; init; } = GgmlType.F32;

    /// <summary><c>general.name</c>.</summary>
    public string Name { get; init; } = "synthetic-llama";

    /// <summary>The tensors that will be written.</summary>
    public IReadOnlyList<SyntheticTensor> Tensors => LlamaTensorLayout.For(Shape, Vocabulary.TokenCount);

    /// <summary>Total parameter count.</summary>
    public long ParameterCount => Tensors.Sum(t => t.ElementCount);

    /// <summary>The metadata that will be written: general.*, the architecture's hyperparameters, then the vocabulary.</summary>
    public IReadOnlyList<GgufMetadataEntry> Metadata()
    {
        string a = Shape.Architecture;
        string K(string suffix) => GgufKeys.ForArchitecture(a, suffix);
        var list = new List<GgufMetadataEntry>
        {
            new(GgufKeys.Architecture, a),
            new(GgufKeys.Name, Name),
            new(GgufKeys.FileType, WeightType == GgmlType.F16 ? 1u : 0u),
            new(K(GgufKeys.VocabSize), (uint)Vocabulary.TokenCount),
            new(K(GgufKeys.ContextLength), (uint)Shape.ContextLength),
            new(K(GgufKeys.EmbeddingLength), (uint)Shape.EmbeddingLength),
            new(K(GgufKeys.BlockCount), (uint)Shape.BlockCount),
            new(K(GgufKeys.FeedForwardLength), (uint)Shape.FeedForwardLength),
            new(K(GgufKeys.HeadCount), (uint)Shape.HeadCount),
            new(K(GgufKeys.HeadCountKv), (uint)Shape.HeadCountKv),
            new(K(GgufKeys.LayerNormRmsEpsilon), Shape.RmsNormEpsilon),
            new(K(GgufKeys.RopeDimensionCount), (uint)Shape.HeadDimension),
            new(K(GgufKeys.RopeFreqBase), Shape.RopeFreqBase),
        };
        list.AddRange(Vocabulary.Entries);
        return list;
    }

    /// <summary>A writer holding the whole model; tensor data is generated while writing.</summary>
    public GgufWriter CreateWriter()
    {
        if (WeightType is not (GgmlType.F32 or GgmlType.F16))
        {
            throw new InvalidOperationException("Synthetic weights can be F32 or F16.");
        }

        var writer = new GgufWriter().AddMetadata(Metadata());
        var tensors = Tensors;
        for (int i = 0; i < tensors.Count; i++)
        {
            var t = tensors[i];
            var type = t.Dimensions.Length >= 2 ? WeightType : GgmlType.F32;
            int tensorSeed = unchecked((Seed * 1_000_003) + i);
            writer.AddTensor(t.Name, type, t.Dimensions, s => WriteValues(s, t, type, tensorSeed));
        }

        return writer;
    }

    /// <summary>Writes the model to a stream.</summary>
    public void WriteTo(Stream stream) => CreateWriter().WriteTo(stream);

    /// <summary>Writes the model to a file atomically.</summary>
    public void WriteToFile(string path) => CreateWriter().WriteToFile(path);

    private static void WriteValues(Stream stream, SyntheticTensor tensor, GgmlType type, int seed)
    {
        var random = new Random(seed);
        var floats = new float[8192];
        var halves = type == GgmlType.F16 ? new Half[floats.Length] : null;
        for (long left = tensor.ElementCount; left > 0;)
        {
            int n = (int)Math.Min(left, floats.Length);
            Span<float> chunk = floats.AsSpan(0, n);
            switch (tensor.Fill)
            {
                case SyntheticFill.Ones: chunk.Fill(1f); break;
                case SyntheticFill.Zeros: chunk.Clear(); break;
                default:
                    for (int i = 0; i < chunk.Length; i++)
                    {
                        chunk[i] = ((random.NextSingle() * 2f) - 1f) * RandomScale;
                    }

                    break;
            }

            if (halves is null)
            {
                stream.Write(MemoryMarshal.AsBytes(chunk));
            }
            else
            {
                for (int i = 0; i < n; i++)
                {
                    halves[i] = (Half)chunk[i];
                }

                stream.Write(MemoryMarshal.AsBytes(halves.AsSpan(0, n)));
            }

            left -= n;
        }
    }
}
