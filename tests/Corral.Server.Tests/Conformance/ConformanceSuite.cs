using System.Text.Json;
using System.Text.Json.Nodes;
using Corral.TestKit;

namespace Corral.Server.Tests.Conformance;

/// <summary>The case file shared with tests/node/conformance.test.mjs: clients, finish-reason table, fixture models
/// and the cases, with <c>"$name"</c> references into <c>refs</c> resolved.</summary>
public sealed record ConformanceSuite(
    IReadOnlyDictionary<string, string> Clients,
    JsonElement FinishReasons,
    IReadOnlyDictionary<string, string> Models,
    IReadOnlyList<ConformanceCase> Cases)
{
    public static string FilePath => Path.Combine(Repository.Root, "tests", "Corral.Server.Tests", "Conformance", "cases.json");

    private static readonly Lazy<ConformanceSuite> Loaded = new(Load);

    public static ConformanceSuite Instance => Loaded.Value;

    public ConformanceCase Case(string id) => Cases.Single(c => c.Id == id);

    private static ConformanceSuite Load()
    {
        var root = JsonNode.Parse(File.ReadAllText(FilePath))!.AsObject();
        var refs = root["refs"]!.AsObject();
        var cases = new List<ConformanceCase>();
        foreach (var node in root["cases"]!.AsArray())
        {
            var input = node!["input"]!.AsObject();
            foreach (var key in new[] { "tools", "schema" })
            {
                if (input[key] is JsonValue value && value.TryGetValue<string>(out var name) && name.StartsWith('$'))
                {
                    input[key] = refs[name[1..]]!.DeepClone();
                }
            }

            var skips = node["skip_clients"]?.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()) ?? [];
            cases.Add(new ConformanceCase(node["id"]!.GetValue<string>(), Element(input), Element(node["expect"]!), skips));
        }

        return new ConformanceSuite(
            root["clients"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()),
            Element(root["finish_reasons"]!),
            root["models"]!.AsObject().Where(p => !p.Key.StartsWith('$')).ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()),
            cases);
    }

    private static JsonElement Element(JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();
}

/// <summary>One case: neutral input and expectations, and the clients it does not apply to (with why).</summary>
public sealed record ConformanceCase(string Id, JsonElement Input, JsonElement Expect, IReadOnlyDictionary<string, string> SkipClients);
