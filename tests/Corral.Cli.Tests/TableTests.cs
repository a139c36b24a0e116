using Corral.Api.Models;
using Corral.Cli.Commands;
using Corral.Cli.Rendering;

namespace Corral.Cli.Tests;

public sealed class TableTests
{
    private static readonly DateTime Now = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void List_renders_like_ollama_with_trailing_padding()
    {
        var models = new[]
        {
            new ListModel { Name = "llama3.2:latest", Digest = "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72", Size = 2_019_393_189, ModifiedAt = Now.AddDays(-3) },
            new ListModel { Name = "qwen3:0.6b", Digest = "7df6b6e09427", Size = 522_653_767, ModifiedAt = Now.AddSeconds(-70) },
        };
        var text = ListCommand.Render(models, null, Now);
        var expected =
            "NAME               ID              SIZE      MODIFIED           \n" +
            "llama3.2:latest    a80c4f17acd5    2.0 GB    3 days ago            \n" +
            "qwen3:0.6b         7df6b6e09427    522 MB    About a minute ago    \n";
        Assert.Equal(expected, text);
    }

    [Fact]
    public void List_prefix_filter_is_case_insensitive()
    {
        var models = new[] { new ListModel { Name = "Llama3:latest", Digest = "abc" }, new ListModel { Name = "qwen:latest", Digest = "def" } };
        var text = ListCommand.Render(models, "llama", Now);
        Assert.Contains("Llama3:latest", text, StringComparison.Ordinal);
        Assert.DoesNotContain("qwen", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ps_shows_the_planned_parallelism_and_why_the_model_was_loaded()
    {
        var models = new[]
        {
            new ProcessModel
            {
                Name = "stories:latest", Digest = "270cba1bd5109f42d03350f6", Size = 2_000_000, ContextLength = 2048, Parallel = 4,
                ExpiresAt = Now.AddMinutes(4.5), LoadReason = "reloaded: num_ctx 2048 -> 4096",
            },
            new ProcessModel { Name = "ollama-made:latest", Digest = "abc", Size = 1_000_000, ContextLength = 4096, ExpiresAt = Now.AddMinutes(2) },
        };
        var lines = PsCommand.Render(models, null, Now).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "ID", "SIZE", "PROCESSOR", "CONTEXT", "PARALLEL", "UNTIL", "REASON"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var parallelColumn = lines[0].IndexOf("PARALLEL", StringComparison.Ordinal);
        Assert.Equal("4", lines[1][parallelColumn..].Split(' ')[0]);
        Assert.EndsWith("4 minutes from now    reloaded: num_ctx 2048 -> 4096", lines[1].TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(' ', lines[2][parallelColumn]); // a server that does not report parallelism leaves the cell empty
    }

    [Fact]
    public void Empty_list_prints_only_the_header()
    {
        Assert.Equal("NAME    ID    SIZE    MODIFIED \n", ListCommand.Render([], null, Now));
    }

    [Fact]
    public void Headerless_tables_start_with_an_empty_column()
    {
        var text = new TableRenderer().Render(null, [["", "architecture", "llama"], ["", "parameters", "3.2B"]]);
        Assert.Equal("    architecture    llama    \n    parameters      3.2B     \n", text);
    }

    [Fact]
    public void Long_cells_wrap_at_spaces()
    {
        var text = new TableRenderer { MaxColumnWidth = 10 }.Render(null, [["", "one two three four"]]);
        Assert.Equal("    one two       \n    three four    \n", text);
    }

    [Fact]
    public void Show_sections_follow_ollama_layout()
    {
        var show = new ShowResponse
        {
            Details = new ModelDetails { Family = "llama", ParameterSize = "3.2B", QuantizationLevel = "Q4_K_M" },
            Capabilities = ["completion", "tools"],
            Parameters = "stop                           \"<|eot_id|>\"\ntemperature                    0.7",
            License = "LLAMA 3.2 COMMUNITY LICENSE\n\nline two\nline three",
        };
        var text = ShowRenderer.Render(show, verbose: false);
        Assert.StartsWith("  Model\n    architecture    llama     \n    parameters      3.2B      \n    quantization    Q4_K_M    \n\n", text, StringComparison.Ordinal);
        Assert.Contains("  Capabilities\n    completion    \n    tools         \n\n", text, StringComparison.Ordinal);
        Assert.Contains("  Parameters\n    stop           \"<|eot_id|>\"    \n    temperature    0.7             \n\n", text, StringComparison.Ordinal);
        Assert.EndsWith("  License\n    LLAMA 3.2 COMMUNITY LICENSE    \n    line two                       \n    ...                            \n\n", text, StringComparison.Ordinal);
    }
}
