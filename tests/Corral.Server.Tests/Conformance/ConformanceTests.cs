namespace Corral.Server.Tests.Conformance;

/// <summary>The conformance suite (cases.json) through the official OpenAI .NET SDK, the official Anthropic C# SDK and
/// OllamaSharp: one theory row per (client, case) that applies. The npm clients run the same cases in
/// tests/node/conformance.test.mjs (NodeClientTests).</summary>
public sealed class ConformanceTests(ConformanceFixture fixture) : IClassFixture<ConformanceFixture>
{
    private static readonly string[] DotnetClients = ["openai-dotnet", "anthropic-dotnet", "ollamasharp"];

    /// <summary>Every (client, case) pair the case file does not declare not applicable; those are reported by
    /// <see cref="NotApplicable_IsDeclaredWithAReason"/>, never skipped.</summary>
    public static TheoryData<string, string> Runs()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in ConformanceSuite.Instance.Cases)
        {
            foreach (var client in DotnetClients.Where(client => !c.SkipClients.ContainsKey(client)))
            {
                data.Add(client, c.Id);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task Case(string client, string caseId)
    {
        var suite = ConformanceSuite.Instance;
        var c = suite.Case(caseId);
        IConformanceAdapter adapter = client switch
        {
            "openai-dotnet" => new OpenAIDotnetAdapter(fixture.Inner.BaseAddress),
            "anthropic-dotnet" => new AnthropicDotnetAdapter(fixture.Inner.BaseAddress),
            "ollamasharp" => new OllamaSharpAdapter(fixture.Inner.BaseAddress),
            _ => throw new ArgumentOutOfRangeException(nameof(client), client, null),
        };
        var observation = await adapter.RunAsync(c.Input);
        Expectations.Check(suite, client, c, observation);
    }

    [Fact]
    public void NotApplicable_IsDeclaredWithAReason()
    {
        var suite = ConformanceSuite.Instance;
        Assert.Equal(6, suite.Clients.Count);
        foreach (var c in suite.Cases)
        {
            foreach (var (client, reason) in c.SkipClients)
            {
                Assert.True(suite.Clients.ContainsKey(client), $"{c.Id}: unknown client {client}");
                Assert.True(reason.Length > 10, $"{c.Id}: {client} needs a reason");
                if (DotnetClients.Contains(client))
                {
                    TestContext.Current.SendDiagnosticMessage($"not applicable: {client} {c.Id}: {reason}");
                    TestContext.Current.TestOutputHelper?.WriteLine($"not applicable: {client} {c.Id}: {reason}");
                }
            }
        }
    }
}
