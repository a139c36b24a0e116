using Corral.Routing.Log;

namespace Corral.Routing.Tests.Log;

public sealed class AttemptCsvTests
{
    [Fact]
    public void The_header_uses_the_json_names_and_cells_are_quoted_only_when_needed()
    {
        Assert.StartsWith("timestamp,request_id,attempt,pair_id,route,", AttemptCsv.Header, StringComparison.Ordinal);
        Assert.EndsWith("prompt,output,task\r\n", AttemptCsv.Header, StringComparison.Ordinal);

        var line = AttemptCsv.Line(Records.Full());
        Assert.StartsWith("2026-03-01T12:34:56.1234567Z,req-full,2,pair-9,smart,fallback:rate_limited,anthropic,openai,gpt-4o-mini,true,stream_cut,529,", line, StringComparison.Ordinal);
        Assert.Contains(",\"upstream said \"\"no\"\", twice,\nthen hung up\",", line, StringComparison.Ordinal);
        Assert.Contains(",0.0000012345678901234567890123,12345.678901234567890,length,false,", line, StringComparison.Ordinal);
        Assert.EndsWith(",classify\r\n", line, StringComparison.Ordinal);

        var minimal = AttemptCsv.Line(Records.Make());
        Assert.Equal("2026-03-01T12:00:00.0000000Z,req-1,1,,smart,primary,openai,anthropic,claude-sonnet-4-5,true,,,,,,,,100,,,,,,,,,\r\n", minimal);
    }
}
