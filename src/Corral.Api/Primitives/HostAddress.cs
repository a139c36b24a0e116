using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Corral.Api;

/// <summary>
/// The server address from <c>CORRAL_HOST</c>/<c>OLLAMA_HOST</c>, parsed exactly like Ollama's
/// <c>envconfig.Host()</c>: <c>host</c>, <c>host:port</c>, <c>scheme://host[:port][/path]</c>, <c>[ipv6]:port</c>;
/// missing port → 11434 (80/443 when an <c>http</c>/<c>https</c> scheme is explicit); bare <c>ollama.com</c> →
/// <c>https://ollama.com:443</c>; invalid port → the default port; empty → <c>http://127.0.0.1:11434</c>.
/// Parsing never fails.
/// </summary>
public sealed record HostAddress
{
    /// <summary>Ollama's default port.</summary>
    public const int DefaultPort = 11434;

    private HostAddress(string scheme, string host, int port, string path)
    {
        Scheme = scheme;
        Host = host;
        Port = port;
        Path = path;
    }

    /// <summary><c>http://127.0.0.1:11434</c>.</summary>
    public static HostAddress Default { get; } = new("http", "127.0.0.1", DefaultPort, string.Empty);

    /// <summary>The scheme as given (default <c>http</c>).</summary>
    public string Scheme { get; }

    /// <summary>The host as configured (IP literals normalised, no brackets); may be empty (<c>:8080</c> = all interfaces).</summary>
    public string Host { get; }

    /// <summary>The port (0–65535).</summary>
    public int Port { get; }

    /// <summary>Path after the first <c>/</c> following the authority, without the leading slash (often empty).</summary>
    public string Path { get; }

    /// <summary>The host a server listens on: the configured host, or <c>0.0.0.0</c> when it is empty.</summary>
    public string BindHost => Host.Length == 0 ? "0.0.0.0" : Host;

    /// <summary>A Kestrel-style listen URL, e.g. <c>http://0.0.0.0:11434</c> or <c>http://[::1]:11434</c>.</summary>
    public string BindUrl => $"{Scheme}://{Bracket(BindHost)}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The host a client connects to: unspecified addresses (<c>0.0.0.0</c>, <c>::</c>, empty) become loopback
    /// (<c>127.0.0.1</c>, <c>::1</c>), as Ollama's <c>ConnectableHost()</c> does.
    /// </summary>
    public string ConnectHost => Host switch
    {
        "" or "0.0.0.0" => "127.0.0.1",
        "::" => "::1",
        _ => Host,
    };

    /// <summary>The base URI clients use (<c>scheme://connect-host:port/path</c>).</summary>
    public Uri ClientUri
    {
        get
        {
            var text = $"{Scheme}://{Bracket(ConnectHost)}:{Port.ToString(CultureInfo.InvariantCulture)}/{Path}";
            return Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : Default.ClientUri;
        }
    }

    /// <summary>Parses a raw value (spaces and quotes are trimmed first). Never throws.</summary>
    public static HostAddress Parse(string? value)
    {
        var s = EnvironmentValue.Clean(value).Trim();
        var defaultPort = DefaultPort;
        string scheme, hostPort;
        var sep = s.IndexOf("://", StringComparison.Ordinal);
        if (sep < 0)
        {
            (scheme, hostPort) = ("http", s);
            if (s == "ollama.com")
            {
                (scheme, hostPort) = ("https", "ollama.com:443");
            }
        }
        else
        {
            (scheme, hostPort) = (s[..sep], s[(sep + 3)..]);
            defaultPort = scheme switch { "http" => 80, "https" => 443, _ => DefaultPort };
        }

        var path = string.Empty;
        var slash = hostPort.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            path = hostPort[(slash + 1)..];
            hostPort = hostPort[..slash];
        }

        string host, portText;
        if (!GoNet.TrySplitHostPort(hostPort, out host, out portText))
        {
            (host, portText) = ("127.0.0.1", defaultPort.ToString(CultureInfo.InvariantCulture));
            if (GoNet.TryParseIp(hostPort.Trim('[', ']'), out var ip))
            {
                host = GoNet.Format(ip);
            }
            else if (hostPort.Length > 0)
            {
                host = hostPort;
            }
        }

        var port = long.TryParse(portText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 65535
            ? (int)n
            : defaultPort;
        return new HostAddress(scheme, host, port, path);
    }

    /// <summary>Reads <c>CORRAL_HOST</c>, falling back to <c>OLLAMA_HOST</c>.</summary>
    public static HostAddress FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var corral = getVariable("CORRAL_HOST");
        return Parse(string.IsNullOrWhiteSpace(corral) ? getVariable("OLLAMA_HOST") : corral);
    }

    /// <summary>The configured address as Ollama prints it: <c>scheme://host:port[/path]</c>.</summary>
    public override string ToString() =>
        $"{Scheme}://{Bracket(Host)}:{Port.ToString(CultureInfo.InvariantCulture)}{(Path.Length > 0 ? "/" + Path : string.Empty)}";

    private static string Bracket(string host) => host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;

    /// <summary>Go <c>net.SplitHostPort</c> / <c>net.ParseIP</c> equivalents.</summary>
    private static class GoNet
    {
        public static bool TrySplitHostPort(string hostPort, out string host, out string port)
        {
            host = port = string.Empty;
            var i = hostPort.LastIndexOf(':');
            if (i < 0)
            {
                return false;
            }

            int j = 0, k = 0;
            if (hostPort[0] == '[')
            {
                var end = hostPort.IndexOf(']', StringComparison.Ordinal);
                if (end < 0 || end + 1 != i)
                {
                    return false;
                }

                host = hostPort[1..end];
                (j, k) = (1, end + 1);
            }
            else
            {
                host = hostPort[..i];
                if (host.Contains(':', StringComparison.Ordinal))
                {
                    return false;
                }
            }

            if (hostPort.AsSpan(j).Contains('[') || hostPort.AsSpan(k).Contains(']'))
            {
                return false;
            }

            port = hostPort[(i + 1)..];
            return true;
        }

        public static bool TryParseIp(string s, out IPAddress ip)
        {
            ip = IPAddress.None;
            if (s.Contains(':', StringComparison.Ordinal))
            {
                return !s.Contains('%', StringComparison.Ordinal) && IPAddress.TryParse(s, out ip!) && ip.AddressFamily == AddressFamily.InterNetworkV6;
            }

            var parts = s.Split('.');
            if (parts.Length != 4)
            {
                return false;
            }

            foreach (var part in parts)
            {
                if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0') || !part.All(char.IsAsciiDigit) || int.Parse(part, CultureInfo.InvariantCulture) > 255)
                {
                    return false;
                }
            }

            return IPAddress.TryParse(s, out ip!);
        }

        public static string Format(IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4().ToString() : ip.ToString();
    }
}
