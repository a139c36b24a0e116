using FsCheck.Xunit;

namespace Corral.Gguf.Tests;

public sealed class WriterTests
{
    private static GgufFile RoundTrip(GgufWriter writer, out byte[] bytes)
    {
        var stream = new MemoryStream();
        writer.WriteTo(stream);
        bytes = stream.ToArray();
        return RawGguf.Parse(bytes);
    }

    [Fact]
    public void Every_metadata_type_round_trips()
    {
        var writer = new GgufWriter()
            .AddMetadata("u8", GgufValue.FromUInt8(250))
            .AddMetadata("i8", GgufValue.FromInt8(-100))
            .AddMetadata("u16", GgufValue.FromUInt16(65000))
            .AddMetadata("i16", GgufValue.FromInt16(-30000))
            .AddMetadata("u32", 4_000_000_000u)
            .AddMetadata("i32", -2_000_000_000)
            .AddMetadata("u64", ulong.MaxValue)
            .AddMetadata("i64", long.MinValue)
            .AddMetadata("f32", 1.5e-5f)
            .AddMetadata("f64", Math.PI)
            .AddMetadata("bool", true)
            .AddMetadata("str", "héllo ▁world <|im_start|>")
            .AddMetadata("empty", "")
            .AddMetadata("a.u8", GgufArray.Create(new byte[] { 1, 2, 255 }))
            .AddMetadata("a.i8", GgufArray.Create(new sbyte[] { -1, 2 }))
            .AddMetadata("a.u16", GgufArray.Create(new ushort[] { 1, 65535 }))
            .AddMetadata("a.i16", GgufArray.Create(new short[] { -1, 2 }))
            .AddMetadata("a.u32", GgufArray.Create(new uint[] { 7 }))
            .AddMetadata("a.i32", GgufArray.Create(new[] { -7, 8 }))
            .AddMetadata("a.u64", GgufArray.Create(new ulong[] { ulong.MaxValue }))
            .AddMetadata("a.i64", GgufArray.Create(new[] { long.MinValue }))
            .AddMetadata("a.f32", GgufArray.Create(new[] { 0.5f, -1f }))
            .AddMetadata("a.f64", GgufArray.Create(new[] { 0.25, double.MaxValue }))
            .AddMetadata("a.bool", GgufArray.Create(new[] { true, false, true }))
            .AddMetadata("a.str", GgufArray.Create(new[] { "a", "", "ü" }))
            .AddMetadata("a.empty", GgufArray.Create(Array.Empty<int>()));

        var md = RoundTrip(writer, out _).Metadata;
        Assert.Equal(writer.Metadata.Select(e => e.Key), md.Entries.Select(e => e.Key));
        foreach (var (expected, actual) in writer.Metadata.Zip(md.Entries))
        {
            Assert.Equal(expected.Value.Type, actual.Value.Type);
            Assert.Equal(expected.Value.ToObject(), actual.Value.ToObject());
        }

        Assert.True(md.TryGetInt64("i64", out long i64));
        Assert.Equal(long.MinValue, i64);
        Assert.False(md.TryGetUInt64("i8", out _));
        Assert.True(md.TryGetInt32("i16", out int i16));
        Assert.Equal(-30000, i16);
        Assert.True(md.TryGetArray("a.str", out var strings));
        Assert.Equal(["a", "", "ü"], strings.GetValues<string>().ToArray());
    }

    [Fact]
    public void Tensors_round_trip_with_alignment_and_raw_data()
    {
        var random = new Random(3);
        byte[] f32 = new byte[4 * 5 * 3];
        byte[] q4 = new byte[18 * 2 * 2];
        byte[] q6k = new byte[210];
        byte[] i8 = new byte[7];
        random.NextBytes(f32);
        random.NextBytes(q4);
        random.NextBytes(q6k);
        random.NextBytes(i8);
        var writer = new GgufWriter()
            .AddMetadata(GgufKeys.Alignment, 64u)
            .AddTensor("a", GgmlType.F32, [5, 3], f32)
            .AddTensor("b", GgmlType.Q4_0, [64, 2], q4)
            .AddTensor("c", GgmlType.Q6_K, [256], q6k)
            .AddTensor("d", GgmlType.I8, [7, 1, 1, 1], s => s.Write(i8));

        var file = RoundTrip(writer, out byte[] bytes);
        Assert.Equal(64u, file.Alignment);
        Assert.Equal(0, file.DataOffset % 64);
        byte[][] data = [f32, q4, q6k, i8];
        for (int i = 0; i < data.Length; i++)
        {
            var t = file.Tensors[i];
            Assert.Equal(0, t.Offset % 64);
            Assert.Equal(data[i].Length, t.ByteSize);
            Assert.Equal(data[i], bytes.AsSpan((int)t.DataOffset, (int)t.ByteSize).ToArray());
        }

        Assert.Equal([7L, 1L, 1L, 1L], file.Tensors[3].Dimensions);
        Assert.Equal(GgmlType.Q6_K, file.Tensors[2].Type);
    }

    [Fact]
    public void Writer_rejects_invalid_input()
    {
        var w = new GgufWriter().AddMetadata("k", 1);
        Assert.Throws<ArgumentException>(() => w.AddMetadata("k", 2));
        Assert.Throws<ArgumentException>(() => w.AddMetadata(GgufKeys.Alignment, 48u));
        Assert.Throws<ArgumentException>(() => w.AddTensor("q", GgmlType.Q8_0, [33], new byte[34]));
        Assert.Throws<ArgumentException>(() => w.AddTensor("f", GgmlType.F32, [4], new byte[15]));
        Assert.Throws<ArgumentException>(() => w.AddTensor("f", GgmlType.F32, [1, 1, 1, 1, 1], new byte[4]));
        Assert.Throws<ArgumentException>(() => w.AddTensor(new string('n', 64), GgmlType.F32, [1], new byte[4]));
        w.AddTensor("t", GgmlType.F32, [1], new byte[4]);
        Assert.Throws<ArgumentException>(() => w.AddTensor("t", GgmlType.F32, [1], new byte[4]));
    }

    [Fact]
    public void WriteToFile_is_atomic()
    {
        string dir = Directory.CreateTempSubdirectory("corral-gguf-").FullName;
        try
        {
            string path = Path.Combine(dir, "m.gguf");
            new GgufWriter().AddMetadata("general.architecture", "llama").WriteToFile(path);
            byte[] good = File.ReadAllBytes(path);

            var failing = new GgufWriter().AddMetadata("general.architecture", "broken")
                .AddTensor("t", GgmlType.F32, [4], s => s.Write(new byte[3]));
            Assert.Throws<InvalidOperationException>(() => failing.WriteToFile(path));
            Assert.Equal(good, File.ReadAllBytes(path));
            Assert.Equal(["m.gguf"], Directory.GetFiles(dir).Select(Path.GetFileName));
            Assert.Equal("llama", GgufFile.Open(path).Architecture);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Property(MaxTest = 100)]
    public bool Random_metadata_round_trips(string[] keys, long[] integers, string[] strings)
    {
        var writer = new GgufWriter();
        var used = new HashSet<string>();
        int i = 0;
        foreach (string? key in keys ?? [])
        {
            if (key is null || !used.Add(key))
            {
                continue;
            }

            GgufValue value = (i++ % 3) switch
            {
                0 => integers is { Length: > 0 } ? integers[i % integers.Length] : 0L,
                1 => strings?.FirstOrDefault(s => s is not null) ?? "",
                _ => GgufArray.Create((strings ?? []).Where(s => s is not null)),
            };
            writer.AddMetadata(key, value);
        }

        var md = RoundTrip(writer, out _).Metadata;
        return md.Entries.Select(e => e.Key).SequenceEqual(writer.Metadata.Select(e => e.Key))
            && md.Entries.Zip(writer.Metadata).All(p => Same(p.First.Value, p.Second.Value));
    }

    private static bool Same(GgufValue a, GgufValue b)
        => a.Type == b.Type && (a.ToObject() is Array x && b.ToObject() is Array y
            ? x.Cast<object>().SequenceEqual(y.Cast<object>())
            : Equals(a.ToObject(), b.ToObject()));
}
