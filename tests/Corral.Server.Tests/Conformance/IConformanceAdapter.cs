using System.Text.Json;

namespace Corral.Server.Tests.Conformance;

/// <summary>One client: turns a neutral case input into that SDK's calls, and what the SDK returned (or raised)
/// into an <see cref="Observation"/>.</summary>
internal interface IConformanceAdapter
{
    string Client { get; }

    Task<Observation> RunAsync(JsonElement input);
}
