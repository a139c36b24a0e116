using System.Text;
using Corral.Core.Registry;
using Corral.TestKit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Corral.Server.Tests.Registry;

/// <summary>
/// Ollama's key-signed registry auth: the token request to the realm carries <c>&lt;pubkey&gt;:&lt;signature&gt;</c> made
/// with the user's Ed25519 key; the fake registry checks it as ollama.com does, with the public key it knows.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RegistryKeyAuthTests : IAsyncLifetime
{
    /// <summary>A throwaway key made by <c>ssh-keygen -t ed25519 -N ""</c>, to prove OpenSSH's own files are read.</summary>
    private const string SshKeygenKey = """
        -----BEGIN OPENSSH PRIVATE KEY-----
        b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
        QyNTUxOQAAACCYFqn+kmNQYsAr4jrr5SWbuKlMDeiLabeZwhX9GekWogAAAIhWcShRVnEo
        UQAAAAtzc2gtZWQyNTUxOQAAACCYFqn+kmNQYsAr4jrr5SWbuKlMDeiLabeZwhX9GekWog
        AAAEBRMzvuLpnvCQ4nM7Q2oN25milVeJGg2PI4W6YRFuUmpZgWqf6SY1BiwCviOuvlJZu4
        qUwN6Itpt5nCFf0Z6RaiAAAAAAECAwQF
        -----END OPENSSH PRIVATE KEY-----
        """;

    private const string SshKeygenPublic = "AAAAC3NzaC1lZDI1NTE5AAAAIJgWqf6SY1BiwCviOuvlJZu4qUwN6Itpt5nCFf0Z6Rai";

    private readonly ServerFixture _source = new();
    private readonly ServerFixture _target = new();
    private readonly string _home = Path.Combine(Path.GetTempPath(), "corral-key-" + Guid.NewGuid().ToString("N"));
    private readonly List<string?> _tokenHeaders = [];
    private FakeRegistry _fake = null!;
    private RegistryOptions _options = null!;

    /// <summary>Public keys (base64 SSH wire form) the fake registry knows, like accounts on ollama.com.</summary>
    private readonly HashSet<string> _knownKeys = [];

    private string KeyPath => Path.Combine(_home, ".ollama", "id_ed25519");

    public async ValueTask InitializeAsync()
    {
        await _source.InitializeAsync();
        await _target.InitializeAsync();
        await _source.CreateFromFileAsync("stories", TestModels.Stories260K);
        _fake = await FakeRegistry.StartAsync();
        _fake.Seed(_source.StoreDirectory, "stories", "library/stories:latest");
        _fake.Override = VerifyAsync;
        _options = _target.AllowLoopback();
        _options.KeyPath = KeyPath;
    }

    public async ValueTask DisposeAsync()
    {
        await _fake.DisposeAsync();
        await _source.DisposeAsync();
        await _target.DisposeAsync();
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    /// <summary>The realm checks the signature over <c>GET,&lt;URL as requested&gt;,&lt;b64 hex sha256("")&gt;</c>, the time and the nonce.</summary>
    private async Task<bool> VerifyAsync(HttpContext context)
    {
        if (context.Request.Path == "/token")
        {
            var header = context.Request.Headers.Authorization.FirstOrDefault();
            _tokenHeaders.Add(header);
            var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
            var query = context.Request.Query;
            var fresh = long.TryParse(query["ts"], out var ts) && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - ts) < 300;
            var ok = header is not null && fresh && query["nonce"].ToString().Length == 22 && query["service"] == "fake"
                && query["scope"] == "repository:library/stories:pull"
                && OllamaKey.Verify(header, SignedTokenRequest.SignedData("GET", $"http://{_fake.Authority}{target}", []), out var key)
                && _knownKeys.Contains(Convert.ToBase64String([0, 0, 0, 11, .. "ssh-ed25519"u8, 0, 0, 0, 32, .. key]));
            context.Response.StatusCode = ok ? 200 : 401;
            await context.Response.WriteAsync(ok ? """{"token":"signed"}""" : """{"errors":[{"code":"UNAUTHORIZED"}]}""");
            return true;
        }

        if (context.Request.Headers.Authorization != "Bearer signed")
        {
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"http://{_fake.Authority}/token\",service=\"fake\",scope=\"repository:library/stories:pull\"";
            return true;
        }

        return false;
    }

    private Task<(int Status, List<System.Text.Json.JsonElement> Lines)> PullAsync() =>
        _target.StreamAsync("/api/pull", $$"""{"model":"{{_fake.Authority}}/library/stories","insecure":true}""");

    [Fact]
    public async Task FirstUse_CreatesAnOpenSshKey_AndSignsTheTokenRequestWithIt()
    {
        _options.KeySignedRegistries.Add(_fake.Authority);

        // The registry learns the key once it exists (the user adds id_ed25519.pub to their account).
        _fake.Override = async context =>
        {
            if (context.Request.Path == "/token" && File.Exists(KeyPath + ".pub"))
            {
                _knownKeys.Add((await File.ReadAllTextAsync(KeyPath + ".pub")).Split(' ')[1].Trim());
            }

            return await VerifyAsync(context);
        };

        var (status, lines) = await PullAsync();
        Assert.Equal(200, status);
        Assert.Equal("success", lines[^1].Str("status"));
        var header = Assert.Single(_tokenHeaders);
        var publicFile = await File.ReadAllTextAsync(KeyPath + ".pub", TestContext.Current.CancellationToken);
        Assert.Matches("^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5[A-Za-z0-9+/=]+\n$", publicFile);
        Assert.StartsWith(publicFile.Split(' ')[1].Trim() + ":", header, StringComparison.Ordinal);
        var privateFile = await File.ReadAllTextAsync(KeyPath, TestContext.Current.CancellationToken);
        Assert.StartsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n", privateFile, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyPath));
        Assert.Equal(OllamaKey.Parse(privateFile).PublicKeyBase64, publicFile.Split(' ')[1].Trim());
        Assert.All(_fake.Authorizations.Where(a => a is not null && !a.StartsWith("Bearer ", StringComparison.Ordinal)),
            a => Assert.Equal(header, a));
    }

    [Fact]
    public async Task KeyWrittenBySshKeygen_IsUsed_AndAnUnknownKeyIsRefused()
    {
        _options.KeySignedRegistries.Add(_fake.Authority);
        Directory.CreateDirectory(Path.GetDirectoryName(KeyPath)!);
        await File.WriteAllTextAsync(KeyPath, SshKeygenKey + "\n", TestContext.Current.CancellationToken);

        // The registry does not know this key yet: the realm answers 401 and the pull fails without installing anything.
        var (_, refused) = await PullAsync();
        Assert.Contains("registry authorization failed", refused[^1].Str("error"), StringComparison.Ordinal);
        Assert.DoesNotContain(_home, refused[^1].Str("error"), StringComparison.Ordinal);
        Assert.StartsWith(SshKeygenPublic + ":", _tokenHeaders[^1], StringComparison.Ordinal);
        Assert.Equal(404, (await Native.Http.PostAsync(_target, "/api/show", $$"""{"model":"{{_fake.Authority}}/library/stories"}""")).Status);

        _knownKeys.Add(SshKeygenPublic);
        var (status, lines) = await PullAsync();
        Assert.Equal(200, status);
        Assert.Equal("success", lines[^1].Str("status"));
    }

    [Fact]
    public async Task RegistriesNotListed_NeverSeeTheKey_AndNoKeyIsCreated()
    {
        var (_, lines) = await PullAsync();
        Assert.Contains("registry authorization failed", lines[^1].Str("error"), StringComparison.Ordinal);
        Assert.Null(Assert.Single(_tokenHeaders));
        Assert.False(File.Exists(KeyPath));
    }

    [Fact]
    public void SignedTokenUrl_IsGoSorted_AndEscaped_AndTheSignatureCoversIt()
    {
        var challenge = BearerChallenge.Parse("Bearer realm=\"https://ollama.com/token?x=a b\",service=\"ollama.com\",scope=\"repository:library/llama3.2:pull\"")!;
        var (uri, data) = SignedTokenRequest.Build(challenge, null, DateTimeOffset.FromUnixTimeSeconds(1700000000));
        Assert.Matches(@"^https://ollama\.com/token\?nonce=[A-Za-z0-9_-]{22}&scope=repository%3Alibrary%2Fllama3\.2%3Apull&service=ollama\.com&ts=1700000000&x=a\+b$", uri.OriginalString);

        // base64("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), the hex sha256 of an empty body.
        Assert.Equal($"GET,{uri.OriginalString},ZTNiMGM0NDI5OGZjMWMxNDlhZmJmNGM4OTk2ZmI5MjQyN2FlNDFlNDY0OWI5MzRjYTQ5NTk5MWI3ODUyYjg1NQ==", Encoding.UTF8.GetString(data));
        var key = OllamaKey.Parse(SshKeygenKey);
        Assert.Equal(SshKeygenPublic, key.PublicKeyBase64);
        var signature = key.Sign(data);
        Assert.True(OllamaKey.Verify(signature, data, out _));
        Assert.False(OllamaKey.Verify(signature, [.. data, 0], out _));
        Assert.Equal(key.PublicKeyBase64, OllamaKey.Parse(key.ToOpenSsh()).PublicKeyBase64);
        Assert.Throws<InvalidDataException>(() => OllamaKey.Parse("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----"));
    }
}
