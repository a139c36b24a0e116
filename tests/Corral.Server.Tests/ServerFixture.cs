using System.Net.Http.Json;
using System.Security.Cryptography;
using Corral.Core;
using Corral.TestKit;

namespace Corral.Server.Tests;

/// <summary>A real Corral server on a loopback port with an empty temporary model store.</summary>
public sealed class ServerFixture(Func<ServerSettings, ServerSettings>? configure = null) : IAsyncLifetime
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), "corral-tests-" + Guid.NewGuid().ToString("N"));

    public ServerFixture() : this(null)
    {
    }

    public RunningServer Server { get; private set; } = null!;

    public Uri BaseAddress => Server.BaseAddress;

    public string StoreDirectory => _store;

    public HttpClient Http { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var settings = Settings(_store);
        Server = await CorralServer.StartAsync(configure is null ? settings : configure(settings), CancellationToken.None);
        Http = new HttpClient { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
    }

    public static ServerSettings Settings(string store) => new()
    {
        Port = 0,
        Core = new CoreSettings { ModelsDirectory = store, DefaultContextLength = 2048 },
        MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
    };

    /// <summary>Uploads a GGUF through <c>/api/blobs</c> and creates a model from it, as <c>corral create</c> does.</summary>
    public async Task<string> CreateFromFileAsync(string name, string ggufPath, string? extra = null)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(ggufPath)));
        var head = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/blobs/{digest}"));
        if (head.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            await using var file = File.OpenRead(ggufPath);
            var upload = await Http.PostAsync($"/api/blobs/{digest}", new StreamContent(file));
            Assert.Equal(System.Net.HttpStatusCode.Created, upload.StatusCode);
        }

        var body = $$"""{"model":"{{name}}","files":{"model.gguf":"{{digest}}"}{{extra}},"stream":false}""";
        var create = await Http.PostAsync("/api/create", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = await create.Content.ReadAsStringAsync();
        Assert.True(create.IsSuccessStatusCode, text);
        Assert.Contains("success", text, StringComparison.Ordinal);
        return name;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_store, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A server with the stories260K model created as <c>stories</c> and the ChatML TinyLlama as <c>chatml</c>.</summary>
public sealed class ModelsFixture : IAsyncLifetime
{
    public ServerFixture Inner { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await Inner.InitializeAsync();
        await Inner.CreateFromFileAsync("stories", TestModels.Stories260K);
        await Inner.CreateFromFileAsync("chatml", TestModels.TinyLlamaChatMl);
        await Inner.CreateFromFileAsync("tinyllama", TestModels.TinyLlama);
    }

    public ValueTask DisposeAsync() => Inner.DisposeAsync();
}
