using System.Diagnostics;
using System.Globalization;
using LLama.Common;
using LLama.Extensions;
using LLama.Native;

// Raw cost of one llama_decode step with N tokens (one per sequence, all at positions near --pos), no sampling and no
// Corral code in the loop, to separate the engine's batched-step cost from the runner's overhead.
//
// usage: Corral.Bench.Step <model.gguf> [--threads 2] [--batch-threads T] [--seqs 4] [--sizes 1,4] [--pos 200]
//        [--steps 32] [--reps 5] [--ctx 512] [--fa auto|on|off] [--unified 1|0] [--ubatch 512] [--kv f16|q8_0]
//        [--repack 1|0] [--avx avx512|avx2|avx|none] [--outputs all|none] [--only N --seconds S]
//        [--ab NAME=VALUE,VALUE]   alternate two contexts (same weights) that differ in one context setting
//
// Each repetition runs, for every size in --sizes (alternating), --steps decode steps and then removes the cells they
// added, so every size sees the same KV occupancy. Prints the median step time per size and its ratio to size 1.
// --only N --seconds S runs steps of N tokens only, for S seconds (for perf record).
var options = Options.Parse(args);
if (options.Avx is { } avx)
{
    NativeLibraryConfig.All.WithAvx(avx).WithAutoFallback(false);
}

NativeLibraryConfig.All.WithLogCallback((level, message) =>
{
    if (options.Verbose || message.Contains("CPU_REPACK", StringComparison.Ordinal) || message.Contains("type ", StringComparison.Ordinal)
        || message.Contains("flash_attn", StringComparison.Ordinal) || message.Contains("system_info", StringComparison.Ordinal)
        || level >= LLamaLogLevel.Warning)
    {
        Console.Error.Write(message);
    }
});
NativeApi.llama_empty_call();
Console.WriteLine($"uptime: {File.ReadAllText("/proc/loadavg").Trim()}");

var modelParams = new ModelParams(options.ModelPath) { GpuLayerCount = 0 };
SafeLlamaModelHandle model;
using (modelParams.ToLlamaModelParams(out var native))
{
    native.use_extra_bufts = options.Repack;
    model = SafeLlamaModelHandle.LoadFromFile(options.ModelPath, native);
}

var variants = options.AbName is null
    ? new[] { ("base", options) }
    : options.AbValues!.Select(v => ($"{options.AbName}={v}", options.With(options.AbName, v))).ToArray();
var benches = variants.Select(v => (v.Item1, new StepBench(model, v.Item2))).ToArray();
foreach (var (_, bench) in benches)
{
    bench.Prefill();
}

if (options.Only is { } only)
{
    var (_, bench) = benches[0];
    var deadline = Stopwatch.GetTimestamp() + (long)(options.Seconds * Stopwatch.Frequency);
    var steps = 0;
    var start = Stopwatch.GetTimestamp();
    while (Stopwatch.GetTimestamp() < deadline)
    {
        bench.Steps(only, options.Steps);
        steps += options.Steps;
    }

    Console.WriteLine($"only {only}: {steps} steps, {Stopwatch.GetElapsedTime(start).TotalMilliseconds / steps:F2} ms/step");
    return 0;
}

// warm-up: build the graphs of every size
foreach (var (_, bench) in benches)
{
    foreach (var size in options.Sizes)
    {
        bench.Steps(size, 4);
    }
}

var samples = benches.ToDictionary(b => b.Item1, _ => options.Sizes.ToDictionary(s => s, _ => new List<double>()));
for (var rep = 0; rep < options.Reps; rep++)
{
    foreach (var (name, bench) in rep % 2 == 0 ? benches : benches.Reverse())
    {
        foreach (var size in rep % 2 == 0 ? options.Sizes : options.Sizes.Reverse())
        {
            samples[name][size].Add(bench.Steps(size, options.Steps));
        }
    }
}

Console.WriteLine($"threads {options.Threads}/{options.BatchThreads}, fa {options.FlashAttention}, unified {options.Unified}, ubatch {options.UBatch}, kv {options.KvType}, repack {options.Repack}, pos ~{options.Position}, {options.Steps} steps x {options.Reps} reps");
Console.WriteLine($"uptime: {File.ReadAllText("/proc/loadavg").Trim()}");
foreach (var (name, _) in benches)
{
    var baseline = samples[name][options.Sizes[0]];
    var line = $"{name,-16}";
    foreach (var size in options.Sizes)
    {
        var values = samples[name][size];
        var ratios = values.Zip(baseline, (v, b) => v / b).ToList();
        line += $" | n={size}: {Median(values),6:F2} ms [{values.Min(),6:F2}-{values.Max(),6:F2}] x{Median(ratios):F2} ({ratios.Min():F2}-{ratios.Max():F2})";
    }

    Console.WriteLine(line);
}

if (benches.Length == 2)
{
    foreach (var size in options.Sizes)
    {
        var a = samples[benches[0].Item1][size];
        var b = samples[benches[1].Item1][size];
        var ratios = b.Zip(a, (x, y) => x / y).ToList();
        Console.WriteLine($"n={size}: {benches[1].Item1} / {benches[0].Item1} step time, per-rep median x{Median(ratios):F3} ({ratios.Min():F3}-{ratios.Max():F3})");
    }
}

return 0;

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

internal sealed class StepBench
{
    private readonly SafeLLamaContextHandle _context;
    private readonly Options _options;
    private readonly LLamaBatch _batch = new();
    private readonly int _vocab;
    private readonly Random _random = new(42);

    public StepBench(SafeLlamaModelHandle model, Options options)
    {
        _options = options;
        _vocab = model.Vocab.Count;
        var parameters = new ModelParams(options.ModelPath)
        {
            ContextSize = (uint)(options.Context * options.Seqs),
            SeqMax = (uint)options.Seqs,
            KVUnified = options.Unified,
            BatchSize = (uint)Math.Max(options.UBatch, options.Seqs),
            UBatchSize = (uint)options.UBatch,
            Threads = options.Threads,
            BatchThreads = options.BatchThreads,
            TypeK = options.KvType,
            TypeV = options.KvType,
            GpuLayerCount = 0,
        };
        parameters.ToLlamaContextParams(out var native);
        native.llama_flash_attn_type = options.FlashAttention;
        native.no_perf = options.NoPerf;
        native.op_offload = options.OpOffload;
        _context = SafeLLamaContextHandle.Create(model, native);
    }

    /// <summary>Fills every sequence with --pos random tokens (in ubatch-sized chunks).</summary>
    public void Prefill()
    {
        _context.MemoryClear(true);
        for (var seq = 0; seq < _options.Seqs; seq++)
        {
            for (var start = 0; start < _options.Position; start += _options.UBatch)
            {
                _batch.Clear();
                for (var pos = start; pos < Math.Min(_options.Position, start + _options.UBatch); pos++)
                {
                    _batch.Add(_random.Next(_vocab), pos, (LLamaSeqId)seq, pos == _options.Position - 1);
                }

                Check(_context.Decode(_batch));
            }
        }
    }

    /// <summary>Runs <paramref name="steps"/> steps of one token in each of the first <paramref name="size"/> sequences; returns the median ms per step.</summary>
    public double Steps(int size, int steps)
    {
        var times = new double[steps];
        for (var step = 0; step < steps; step++)
        {
            _batch.Clear();
            for (var seq = 0; seq < size; seq++)
            {
                _batch.Add(_random.Next(_vocab), _options.Position + step, (LLamaSeqId)seq, _options.Outputs);
            }

            var start = Stopwatch.GetTimestamp();
            Check(_context.Decode(_batch));
            times[step] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        for (var seq = 0; seq < size; seq++)
        {
            _context.MemorySequenceRemove((LLamaSeqId)seq, _options.Position, -1);
        }

        Array.Sort(times);
        return times[steps / 2];
    }

    private static void Check(DecodeResult result)
    {
        if (result != DecodeResult.Ok)
        {
            throw new InvalidOperationException($"llama_decode failed: {result}");
        }
    }
}

internal sealed record Options
{
    public required string ModelPath { get; init; }
    public int Threads { get; init; } = 2;
    public int BatchThreads { get; init; } = -1;
    public int Seqs { get; init; } = 4;
    public int[] Sizes { get; init; } = [1, 4];
    public int Position { get; init; } = 200;
    public int Steps { get; init; } = 32;
    public int Reps { get; init; } = 5;
    public int Context { get; init; } = 512;
    public LLamaFlashAttentionType FlashAttention { get; init; } = LLamaFlashAttentionType.LLAMA_FLASH_ATTENTION_TYPE_AUTO;
    public bool Unified { get; init; } = true;
    public int UBatch { get; init; } = 512;
    public GGMLType KvType { get; init; } = GGMLType.GGML_TYPE_F16;
    public bool Repack { get; init; } = true;
    public bool NoPerf { get; init; } = true;
    public bool OpOffload { get; init; } = true;
    public bool Outputs { get; init; } = true;
    public AvxLevel? Avx { get; init; }
    public bool Verbose { get; init; }
    public int? Only { get; init; }
    public double Seconds { get; init; } = 10;
    public string? AbName { get; init; }
    public string[]? AbValues { get; init; }

    public static Options Parse(string[] args)
    {
        var options = new Options { ModelPath = Path.GetFullPath(args[0]) };
        for (var i = 1; i < args.Length; i++)
        {
            var name = args[i].TrimStart('-');
            if (name == "verbose")
            {
                options = options with { Verbose = true };
                continue;
            }

            var value = args[++i];
            if (name == "ab")
            {
                var parts = value.Split('=');
                options = options with { AbName = parts[0], AbValues = parts[1].Split(',') };
                continue;
            }

            options = options.With(name, value);
        }

        return options.BatchThreads < 0 ? options with { BatchThreads = options.Threads } : options;
    }

    public Options With(string name, string value)
    {
        var number = () => int.Parse(value, CultureInfo.InvariantCulture);
        var flag = () => value is "1" or "true" or "on";
        return name switch
        {
            "threads" => this with { Threads = number(), BatchThreads = BatchThreads == Threads ? number() : BatchThreads },
            "batch-threads" => this with { BatchThreads = number() },
            "seqs" => this with { Seqs = number() },
            "sizes" => this with { Sizes = value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray() },
            "pos" => this with { Position = number() },
            "steps" => this with { Steps = number() },
            "reps" => this with { Reps = number() },
            "ctx" => this with { Context = number() },
            "fa" => this with
            {
                FlashAttention = value switch
                {
                    "on" => LLamaFlashAttentionType.LLAMA_FLASH_ATTENTION_TYPE_ENABLED,
                    "off" => LLamaFlashAttentionType.LLAMA_FLASH_ATTENTION_TYPE_DISABLED,
                    _ => LLamaFlashAttentionType.LLAMA_FLASH_ATTENTION_TYPE_AUTO,
                },
            },
            "unified" => this with { Unified = flag() },
            "ubatch" => this with { UBatch = number() },
            "kv" => this with { KvType = value == "q8_0" ? GGMLType.GGML_TYPE_Q8_0 : value == "f32" ? GGMLType.GGML_TYPE_F32 : GGMLType.GGML_TYPE_F16 },
            "repack" => this with { Repack = flag() },
            "noperf" => this with { NoPerf = flag() },
            "opoffload" => this with { OpOffload = flag() },
            "outputs" => this with { Outputs = value != "none" },
            "avx" => this with
            {
                Avx = value switch
                {
                    "avx512" => AvxLevel.Avx512,
                    "avx2" => AvxLevel.Avx2,
                    "avx" => AvxLevel.Avx,
                    _ => AvxLevel.None,
                },
            },
            "only" => this with { Only = number() },
            "seconds" => this with { Seconds = double.Parse(value, CultureInfo.InvariantCulture) },
            _ => throw new ArgumentException($"unknown option --{name}"),
        };
    }
}
