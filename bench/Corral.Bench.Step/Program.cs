using System.Diagnostics;
using System.Globalization;
using LLama.Common;
using LLama.Extensions;
using LLama.Native;

// Raw cost of one llama_decode step with N tokens (one per sequence, all at positions near --pos), no sampling and no
// Corral code in the loop, to separate the engine's batched-step cost from the runner's overhead.
//
//        Corral.Bench.Step <model.gguf> --quantize <out.gguf> Q4_0|IQ4_NL|Q8_0|...   (requantize, for speed experiments)
// usage: Corral.Bench.Step <model.gguf> [--threads 2] [--batch-threads T] [--seqs 4] [--sizes 1,4] [--pos 200]
//        [--steps 32] [--reps 5] [--ctx 512] [--fa auto|on|off] [--unified 1|0] [--ubatch 512] [--kv f16|q8_0]
//        [--repack 1|0] [--avx avx512|avx2|avx|none] [--outputs all|none] [--split 0|1] [--only N --seconds S]
//        [--max-foreign 0.05]  drop a repetition in which other processes used more of the CPU
//        [--ab NAME=VALUE,VALUE]   alternate two contexts (same weights) that differ in one context setting
//
// Each repetition runs, for every size in --sizes (alternating), --steps decode steps and then removes the cells they
// added, so every size sees the same KV occupancy. Prints the median step time per size and its ratio to size 1.
// --only N --seconds S runs steps of N tokens only, for S seconds (for perf record).
if (args.Length == 4 && args[1] == "--quantize")
{
    // requantize (speed experiments only: quantizing an already quantized file loses accuracy)
    NativeApi.llama_empty_call();
    var type = Enum.Parse<LLamaFtype>("MOSTLY_" + args[3].ToUpperInvariant());
    return LLama.LLamaQuantizer.Quantize(args[0], args[2], type, 2, allowRequantize: true, quantizeOutputTensor: true) ? 0 : 1;
}

var options = Options.Parse(args);
if (options.Avx is { } avx)
{
    // the variant folders each hold a full set (libllama, libggml, libggml-base, libggml-cpu) found through $ORIGIN
    var folder = avx switch { AvxLevel.Avx512 => "avx512", AvxLevel.Avx2 => "avx2", AvxLevel.Avx => "avx", _ => "noavx" };
    NativeLibraryConfig.LLama.WithLibrary(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", folder, "libllama.so"));
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
Console.WriteLine("loaded: " + string.Join(", ", File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "")
    .Where(l => l.Contains("libggml-cpu", StringComparison.Ordinal) || l.Contains("libllama", StringComparison.Ordinal)).Distinct()));

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

// A repetition counts only if other processes used less than --max-foreign of the machine's CPU time during it (the
// 2 cores are shared; with OpenMP's spinning barriers one descheduled thread stalls the step).
var samples = benches.ToDictionary(b => b.Item1, _ => options.Sizes.ToDictionary(s => s, _ => new List<double>()));
var dropped = 0;
for (var rep = 0; rep < options.Reps + dropped && dropped <= options.Reps * 3; rep++)
{
    var before = CpuMeter.Read();
    var values = new List<(string Name, int Size, double Ms)>();
    foreach (var (name, bench) in rep % 2 == 0 ? benches : benches.Reverse())
    {
        foreach (var size in rep % 2 == 0 ? options.Sizes : options.Sizes.Reverse())
        {
            values.Add((name, size, bench.Steps(size, options.Steps)));
        }
    }

    var foreign = CpuMeter.ForeignShare(before, CpuMeter.Read());
    if (foreign > options.MaxForeign)
    {
        dropped++;
        Console.Error.WriteLine($"rep {rep + 1}: other processes used {foreign:P0} of the CPU, dropped");
        continue;
    }

    foreach (var (name, size, ms) in values)
    {
        samples[name][size].Add(ms);
    }
}

if (samples.Values.First().Values.First().Count == 0)
{
    Console.WriteLine("every repetition was disturbed by other processes");
    return 1;
}

Console.WriteLine($"threads {options.Threads}/{options.BatchThreads}, fa {options.FlashAttention}, unified {options.Unified}, ubatch {options.UBatch}, kv {options.KvType}, repack {options.Repack}, pos ~{options.Position}, {options.Steps} steps x {options.Reps} reps");
Console.WriteLine($"uptime: {File.ReadAllText("/proc/loadavg").Trim()}; {samples.Values.First().Values.First().Count} reps kept, {dropped} dropped (others > {options.MaxForeign:P0} CPU)");
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
    private readonly LLamaBatch _single = new();
    private readonly LLamaToken[] _tokens = new LLamaToken[64];
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
                _tokens[seq] = _random.Next(_vocab);
                _batch.Add(_tokens[seq], _options.Position + step, (LLamaSeqId)seq, _options.Outputs);
            }

            var start = Stopwatch.GetTimestamp();
            if (_options.Split)
            {
                // the same tokens, one llama_decode per sequence
                for (var seq = 0; seq < size; seq++)
                {
                    _single.Clear();
                    _single.Add(_tokens[seq], _options.Position + step, (LLamaSeqId)seq, _options.Outputs);
                    Check(_context.Decode(_single));
                }
            }
            else
            {
                Check(_context.Decode(_batch));
            }

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
    public bool Split { get; init; }
    public AvxLevel? Avx { get; init; }
    public bool Verbose { get; init; }
    public int? Only { get; init; }
    public double Seconds { get; init; } = 10;
    public double MaxForeign { get; init; } = 0.05;
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
            "split" => this with { Split = flag() },
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
            "max-foreign" => this with { MaxForeign = double.Parse(value, CultureInfo.InvariantCulture) },
            "only" => this with { Only = number() },
            "seconds" => this with { Seconds = double.Parse(value, CultureInfo.InvariantCulture) },
            _ => throw new ArgumentException($"unknown option --{name}"),
        };
    }
}

/// <summary>CPU time of the whole machine (/proc/stat) and of this process (/proc/self/stat), in clock ticks.</summary>
internal static class CpuMeter
{
    public static (long Total, long Busy, long Own) Read()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var idle = cpu[3] + cpu[4];
        var total = cpu.Take(8).Sum();
        var self = File.ReadAllText("/proc/self/stat");
        var fields = self[(self.LastIndexOf(')') + 2)..].Split(' ');
        var own = long.Parse(fields[11]) + long.Parse(fields[12]); // utime, stime
        return (total, total - idle, own);
    }

    /// <summary>Share of the machine's CPU time used by other processes between two readings.</summary>
    public static double ForeignShare((long Total, long Busy, long Own) a, (long Total, long Busy, long Own) b)
    {
        var total = b.Total - a.Total;
        return total <= 0 ? 0 : Math.Max(0, (b.Busy - a.Busy) - (b.Own - a.Own)) / (double)total;
    }
}
