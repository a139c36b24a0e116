using System.Text;
using System.Text.Json;

namespace Corral.Server.Tests.Native;

/// <summary>Raw HTTP helpers for asserting exact status codes and bodies.</summary>
internal static class Http
{
    public static async Task<(int Status, string Body)> PostAsync(this ServerFixture server, string path, string json)
    {
        using var response = await server.Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public static async Task<(int Status, string Body)> SendAsync(this ServerFixture server, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await server.Http.SendAsync(request, TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public static string Error(string body) => JsonDocument.Parse(body).RootElement.GetProperty("error").GetString()!;

    public static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement.Clone();
}
