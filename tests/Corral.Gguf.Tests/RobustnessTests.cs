using System.Diagnostics;
using Corral.Gguf.Synthetic;
using FsCheck.Xunit;

namespace Corral.Gguf.Tests;

/// <summary>Truncated and byte-mutated real files only ever parse or throw <see cref="GgufFormatException"/>, quickly.</summary>
public sealed class RobustnessTests
{
    private static readonly Lazy<byte[]> Stories = new(() => TestModels.Bytes("stories260K.gguf"));
    private static readonly Lazy<long> StoriesDataOffset = new(() => RawGguf.Parse(Stories.Value).DataOffset);
    private static readonly Lazy<byte[]> BuiltInVocab = new(() =>
    {
        var stream = new MemoryStream();
        new GgufWriter().AddMetadata("general.architecture", "llama").AddMetadata(SyntheticVocabulary.BuiltInSpm().Entries).WriteTo(stream);
        return stream.ToArray();
    });

    /// <summary>Parses a prefix of the bytes; returns true on success, false on GgufFormatException, anything else fails the test.</summary>
    private static bool ParsePrefix(byte[] bytes, int length)
    {
        try
        {
            GgufReader.Read(new MemoryStream(bytes, 0, length, writable: false));
            return true;
        }
        catch (GgufFormatException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Problem));
            return false;
        }
    }

    private static void AssertTruncations(byte[] bytes, IEnumerable<int> lengths, TimeSpan budget)
    {
        var clock = Stopwatch.StartNew();
        int count = 0;
        foreach (int length in lengths)
        {
            bool ok = ParsePrefix(bytes, length);
            Assert.True(!ok || length >= bytes.Length - 64, $"a copy truncated to {length} of {bytes.Length} bytes parsed");
            count++;
        }

        Assert.True(clock.Elapsed < budget, $"{count} truncated parses took {clock.Elapsed}");
    }

    [Fact]
    public void Builtin_vocab_file_truncated_at_every_offset_fails_cleanly()
    {
        byte[] bytes = BuiltInVocab.Value;
        Assert.True(ParsePrefix(bytes, bytes.Length));
        AssertTruncations(bytes, Enumerable.Range(0, bytes.Length - 1), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Stories_truncated_at_every_header_offset_and_sampled_data_offsets_fails_cleanly()
    {
        byte[] bytes = Stories.Value;
        int header = (int)StoriesDataOffset.Value;
        var random = new Random(7);
        var lengths = Enumerable.Range(0, header + 1).Concat(Enumerable.Range(0, 300).Select(_ => random.Next(header, bytes.Length)));
        AssertTruncations(bytes, lengths, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Real_vocab_file_truncated_at_sampled_offsets_fails_cleanly()
    {
        byte[] bytes = TestModels.Bytes("vocab/ggml-vocab-llama-spm.gguf");
        var random = new Random(11);
        var lengths = Enumerable.Range(0, 4096).Concat(Enumerable.Range(0, 400).Select(_ => random.Next(4096, bytes.Length - 1)));
        AssertTruncations(bytes, lengths, TimeSpan.FromSeconds(15));
    }

    private static bool ParseMutated(byte[] original, int region, int[] positions, byte[] values)
    {
        byte[] bytes = (byte[])original.Clone();
        for (int i = 0; i < positions.Length && values.Length > 0; i++)
        {
            int pos = (int)((uint)positions[i] % (uint)region);
            bytes[pos] = values[i % values.Length];
        }

        var clock = Stopwatch.StartNew();
        try
        {
            GgufReader.Read(new MemoryStream(bytes, writable: false));
        }
        catch (GgufFormatException)
        {
        }

        return clock.Elapsed < TimeSpan.FromSeconds(2);
    }

    [Property(MaxTest = 400)]
    public bool Mutated_stories_header_parses_or_fails_cleanly(int[] positions, byte[] values)
        => ParseMutated(Stories.Value, (int)StoriesDataOffset.Value, positions, values);

    [Property(MaxTest = 400)]
    public bool Mutated_builtin_vocab_parses_or_fails_cleanly(int[] positions, byte[] values)
        => ParseMutated(BuiltInVocab.Value, BuiltInVocab.Value.Length, positions, values);

    [Property(MaxTest = 200)]
    public bool Mutated_length_fields_parse_or_fail_cleanly(int fieldIndex, ulong value)
    {
        // Overwrite one 8-byte-aligned u64 in the header region with an arbitrary (often huge) value.
        byte[] bytes = (byte[])Stories.Value.Clone();
        int fields = (int)StoriesDataOffset.Value / 8;
        int at = (int)((uint)fieldIndex % (uint)fields) * 8;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(at), value);
        return ParseMutated(bytes, 1, [], []);
    }
}
