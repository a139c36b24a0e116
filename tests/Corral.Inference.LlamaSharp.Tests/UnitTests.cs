namespace Corral.Inference.LlamaSharp.Tests;

public sealed class StopSequenceMatcherTests
{
    [Fact]
    public void Without_stops_text_passes_through()
    {
        var matcher = new StopSequenceMatcher([]);
        Assert.Equal("abc", matcher.Push("abc"));
        Assert.Equal("", matcher.Flush());
    }

    [Fact]
    public void Possible_start_is_held_back_until_resolved()
    {
        var matcher = new StopSequenceMatcher(["</s>"]);
        Assert.Equal("hello ", matcher.Push("hello <"));
        Assert.Equal(1, matcher.HeldLength);
        Assert.Equal("", matcher.Push("/"));
        Assert.Equal("</x", matcher.Push("x"));
        Assert.False(matcher.Matched);
    }

    [Fact]
    public void Match_split_over_pieces_releases_only_text_before_it()
    {
        var matcher = new StopSequenceMatcher(["STOP"]);
        Assert.Equal("one ", matcher.Push("one S"));
        Assert.Equal("", matcher.Push("T"));
        Assert.Equal("", matcher.Push("O"));
        Assert.Equal("", matcher.Push("P and more"));
        Assert.True(matcher.Matched);
        Assert.Equal("", matcher.Flush());
        Assert.Equal("", matcher.Push("later"));
    }

    [Fact]
    public void Earliest_of_several_stops_wins()
    {
        var matcher = new StopSequenceMatcher(["world", "lo w"]);
        Assert.Equal("hel", matcher.Push("hello world"));
    }

    [Fact]
    public void Flush_returns_held_text_when_generation_ends()
    {
        var matcher = new StopSequenceMatcher(["\n\n"]);
        Assert.Equal("end", matcher.Push("end\n"));
        Assert.Equal("\n", matcher.Flush());
    }
}

public sealed class PhysicalCoresTests
{
    [Fact]
    public void Counts_distinct_core_ids_per_package()
    {
        string[] cpuinfo =
        [
            "processor : 0", "physical id : 0", "core id : 0", "",
            "processor : 1", "physical id : 0", "core id : 0", "",
            "processor : 2", "physical id : 0", "core id : 1", "",
            "processor : 3", "physical id : 1", "core id : 0", "",
        ];
        Assert.Equal(3, PhysicalCores.ParseCpuInfo(cpuinfo));
        Assert.Equal(0, PhysicalCores.ParseCpuInfo(["processor : 0", "BogoMIPS : 50"]));
        Assert.InRange(PhysicalCores.Count, 1, Environment.ProcessorCount);
    }
}

public sealed class RunnerInfoBuilderTests
{
    [Fact]
    public void Sums_llama_cpp_buffer_lines()
    {
        const string log = "llama_kv_cache:        CPU KV buffer size =     1.50 MiB\n" +
                           "llama_context:      CUDA0 compute buffer size =     2.00 MiB\n" +
                           "llama_kv_cache: size =    1.50 MiB (   256 cells)\n";
        var (total, device) = RunnerInfoBuilder.SumBuffers(log);
        Assert.Equal((long)(3.5 * 1024 * 1024), total);
        Assert.Equal(2L * 1024 * 1024, device);
    }
}

public sealed class LoadFailureTests
{
    [Fact]
    public void Metadata_dump_lines_are_not_taken_for_the_reason()
    {
        var log = """
            llama_model_loader: - kv  15:                tokenizer.ggml.unknown_token_id u32              = 0
            llama_model_loader: - kv  16:          tokenizer.ggml.invalid_token_flags arr[i32]       = [0]
            llama_model_loader: - type  f32:   13 tensors
            llama_model_load: error loading model: unknown model architecture: 'llamz'
            llama_model_load_from_file_impl: failed to load model
            """;
        Assert.Equal("llama.cpp could not load m.gguf: error loading model: unknown model architecture: 'llamz'; failed to load model",
            LoadFailure.Describe("llama.cpp could not load m.gguf", log, "/models/m.gguf"));
    }
}
