using System.Globalization;
using System.Net;
using System.Text.Json;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Models;

namespace Corral.Server.Tests.Anthropic;

/// <summary>
/// <c>GET /v1/models</c> and <c>GET /v1/models/{model_id}</c> in Anthropic's shape when the request carries
/// <c>anthropic-version</c>: the wire shapes, <c>limit</c>/<c>after_id</c>/<c>before_id</c> paging, and the 404 and 400
/// errors in Anthropic's error shape; without the header the same paths answer in OpenAI's shape.
/// </summary>
public sealed class ModelsTests(ModelsFixture models) : IClassFixture<ModelsFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> GetAsync(string path, bool anthropic = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (anthropic)
        {
            request.Headers.Add("anthropic-version", "2023-06-01");
        }

        var response = await models.Inner.Http.SendAsync(request, Ct);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
        return (response.StatusCode, body, response);
    }

    private static string[] Ids(JsonElement page) => [.. page.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()!)];

    [Fact]
    public async Task List_IsAPageOfModelObjects()
    {
        var (status, page, _) = await GetAsync("/v1/models");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["data", "has_more", "first_id", "last_id"], page.EnumerateObject().Select(p => p.Name));
        var ids = Ids(page);
        Assert.Equal(["chatml:latest", "stories:latest", "tinyllama:latest"], ids.Order(StringComparer.Ordinal));
        Assert.False(page.GetProperty("has_more").GetBoolean());
        Assert.Equal(ids[0], page.GetProperty("first_id").GetString());
        Assert.Equal(ids[^1], page.GetProperty("last_id").GetString());
        foreach (var model in page.GetProperty("data").EnumerateArray())
        {
            Assert.Equal(["type", "id", "display_name", "created_at", "max_input_tokens", "max_tokens"], model.EnumerateObject().Select(p => p.Name));
            Assert.Equal("model", model.GetProperty("type").GetString());
            Assert.Equal(model.GetProperty("id").GetString(), model.GetProperty("display_name").GetString());
            Assert.Equal(2048, model.GetProperty("max_input_tokens").GetInt32()); // the served context: the fixture's default, within each model's trained 2048
            Assert.Equal(2048, model.GetProperty("max_tokens").GetInt32());
            var created = DateTimeOffset.ParseExact(model.GetProperty("created_at").GetString()!, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            Assert.InRange(created, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        }
    }

    [Fact]
    public async Task WithoutAnthropicVersion_TheListIsOpenAIs()
    {
        var (status, list, _) = await GetAsync("/v1/models", anthropic: false);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("list", list.GetProperty("object").GetString());
        Assert.All(list.GetProperty("data").EnumerateArray(), m => Assert.Equal("library", m.GetProperty("owned_by").GetString()));
    }

    [Fact]
    public async Task Paging_AfterIdWalksForward_BeforeIdBack()
    {
        var (_, all, _) = await GetAsync("/v1/models");
        var ids = Ids(all);
        Assert.Equal(3, ids.Length);

        var (_, first, _) = await GetAsync("/v1/models?limit=1");
        Assert.Equal([ids[0]], Ids(first));
        Assert.True(first.GetProperty("has_more").GetBoolean());

        var (_, second, _) = await GetAsync($"/v1/models?limit=1&after_id={first.GetProperty("last_id").GetString()}");
        Assert.Equal([ids[1]], Ids(second));
        Assert.True(second.GetProperty("has_more").GetBoolean());

        var (_, rest, _) = await GetAsync($"/v1/models?limit=5&after_id={second.GetProperty("last_id").GetString()}");
        Assert.Equal([ids[2]], Ids(rest));
        Assert.False(rest.GetProperty("has_more").GetBoolean());

        var (_, back, _) = await GetAsync($"/v1/models?limit=1&before_id={rest.GetProperty("first_id").GetString()}");
        Assert.Equal([ids[1]], Ids(back));
        Assert.True(back.GetProperty("has_more").GetBoolean());

        var (_, start, _) = await GetAsync($"/v1/models?before_id={ids[1]}");
        Assert.Equal([ids[0]], Ids(start));
        Assert.False(start.GetProperty("has_more").GetBoolean());

        var (_, none, _) = await GetAsync($"/v1/models?before_id={ids[0]}");
        Assert.Empty(Ids(none));
        Assert.False(none.GetProperty("has_more").GetBoolean());
        Assert.Equal(JsonValueKind.Null, none.GetProperty("first_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, none.GetProperty("last_id").ValueKind);
    }

    [Fact]
    public async Task Retrieve_IsOneModelObject()
    {
        var (status, model, _) = await GetAsync("/v1/models/stories");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["type", "id", "display_name", "created_at", "max_input_tokens", "max_tokens"], model.EnumerateObject().Select(p => p.Name));
        Assert.Equal("model", model.GetProperty("type").GetString());
        Assert.Equal("stories:latest", model.GetProperty("id").GetString());
        Assert.Equal(2048, model.GetProperty("max_input_tokens").GetInt32());
    }

    [Fact]
    public async Task UnknownModel_Is404NotFoundError()
    {
        var (status, body, response) = await GetAsync("/v1/models/no-such-model");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("error", body.GetProperty("type").GetString());
        Assert.Equal("not_found_error", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("model 'no-such-model' not found", body.GetProperty("error").GetProperty("message").GetString());
        Assert.StartsWith("req_", response.Headers.GetValues("request-id").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("limit=0", "limit: Input should be greater than or equal to 1")]
    [InlineData("limit=1001", "limit: Input should be less than or equal to 1000")]
    [InlineData("limit=many", "limit: Input should be a valid integer")]
    [InlineData("after_id=no-such-model", "after_id: 'no-such-model' is not the id of a listed model")]
    [InlineData("after_id=stories:latest&before_id=chatml:latest", "after_id and before_id cannot both be given")]
    public async Task BadPaging_Is400InvalidRequestError(string query, string message)
    {
        var (status, body, _) = await GetAsync("/v1/models?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("error", body.GetProperty("type").GetString());
        Assert.Equal("invalid_request_error", body.GetProperty("error").GetProperty("type").GetString());
        Assert.StartsWith(message, body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sdk_PagesThroughTheListAndRaisesNotFound()
    {
        var client = new AnthropicClient { BaseUrl = models.Inner.BaseAddress.ToString().TrimEnd('/'), ApiKey = "corral", MaxRetries = 0 };
        var ids = new List<string>();
        var page = await client.Models.List(new ModelListParams { Limit = 2 }, Ct);
        Assert.Equal(2, page.Items.Count);
        await foreach (var model in page.Paginate(Ct))
        {
            ids.Add(model.ID);
        }

        Assert.Equal(["chatml:latest", "stories:latest", "tinyllama:latest"], ids.Order(StringComparer.Ordinal));
        var e = await Assert.ThrowsAsync<AnthropicNotFoundException>(() => client.Models.Retrieve("no-such-model", new ModelRetrieveParams(), Ct));
        Assert.Contains("not found", e.Message, StringComparison.Ordinal);
    }
}
