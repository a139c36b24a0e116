using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Corral.Api.Models;
using Corral.Prompting;

BenchmarkRunner.Run<TemplateRenderBenchmarks>(args: args);

/// <summary>
/// Rendering a 20-message conversation with typical templates (target: under 1 ms each). The Jinja template is
/// Llama 3.1's from a real GGUF; the Go template is Ollama's ChatML with tools.
/// </summary>
[MemoryDiagnoser]
public class TemplateRenderBenchmarks
{
    private IPromptTemplate _llama31 = null!;
    private IPromptTemplate _qwen3 = null!;
    private IPromptTemplate _chatmlGo = null!;
    private PromptInput _input = null!;

    [GlobalSetup]
    public void Setup()
    {
        var templates = Path.Combine(FindRepository(), "..", "shared", "templates");
        _llama31 = PromptTemplates.Parse(File.ReadAllText(Path.Combine(templates, "meta-llama-Llama-3.1-8B-Instruct.jinja")), "llama3.1", TemplateSyntax.Jinja);
        _qwen3 = PromptTemplates.Parse(File.ReadAllText(Path.Combine(templates, "Qwen-Qwen3-0.6B.jinja")), "qwen3", TemplateSyntax.Jinja);
        _chatmlGo = PromptTemplates.Parse("""
            {{- range $i, $_ := .Messages }}
            {{- $last := eq (len (slice $.Messages $i)) 1 -}}
            <|im_start|>{{ .Role }}
            {{ .Content }}{{ if not $last }}<|im_end|>
            {{ end }}
            {{- if and (ne .Role "assistant") $last }}<|im_end|>
            <|im_start|>assistant
            {{ end }}
            {{- end }}
            """, "chatml", TemplateSyntax.Go);
        var messages = new List<Message> { new() { Role = "system", Content = "You are a helpful assistant that answers briefly." } };
        for (var i = 0; i < 19; i++)
        {
            messages.Add(new Message
            {
                Role = i % 2 == 0 ? "user" : "assistant",
                Content = $"Message number {i}: the quick brown fox jumps over the lazy dog, and then some more words follow here.",
            });
        }

        _input = new PromptInput { Messages = messages, Tokens = new SpecialTokens("<|begin_of_text|>", "<|eot_id|>") };
    }

    [Benchmark]
    public string Jinja_Llama31_20Messages() => _llama31.Render(_input);

    [Benchmark]
    public string Jinja_Qwen3_20Messages() => _qwen3.Render(_input);

    [Benchmark]
    public string Go_ChatML_20Messages() => _chatmlGo.Render(_input);

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Corral.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Corral.slnx not found");
    }
}
