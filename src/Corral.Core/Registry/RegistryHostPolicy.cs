using System.Net;
using System.Net.Sockets;

namespace Corral.Core.Registry;

/// <summary>
/// SSRF guard for registry traffic: refuses hosts that resolve to loopback, link-local, unspecified, multicast or
/// cloud-metadata addresses unless <see cref="RegistryOptions.AllowPrivateAddresses"/> is set. The check runs on the
/// addresses actually connected to (see <see cref="ConnectAsync"/>), so DNS rebinding cannot slip past it.
/// LAN addresses (10/8, 172.16/12, 192.168/16, fc00::/7) are allowed: LAN mirrors and air-gapped Corral servers live there.
/// </summary>
public static class RegistryHostPolicy
{
    private static readonly HashSet<string> MetadataNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal",
        "metadata.azure.internal", "metadata.tencentyun.com", "localhost",
    };

    private static readonly IPAddress[] MetadataAddresses =
    [
        IPAddress.Parse("100.100.100.200"), IPAddress.Parse("fd00:ec2::254"), IPAddress.Parse("192.0.0.192"),
    ];

    /// <summary>Why a host name is refused before any lookup, or null.</summary>
    public static string? RefuseName(string host, bool allowPrivate)
    {
        var bare = host.TrimEnd('.');
        if (!allowPrivate && (MetadataNames.Contains(bare) || bare.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)))
        {
            return Message(host);
        }

        return IPAddress.TryParse(bare.Trim('[', ']'), out var ip) ? RefuseAddress(host, ip, allowPrivate) : null;
    }

    /// <summary>Why an address is refused, or null when it may be connected to.</summary>
    public static string? RefuseAddress(string host, IPAddress address, bool allowPrivate)
    {
        if (allowPrivate)
        {
            return null;
        }

        var ip = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (IPAddress.IsLoopback(ip) || ip.IsIPv6LinkLocal || ip.IsIPv6Multicast || ip.IsIPv6SiteLocal
            || ip.Equals(IPAddress.IPv6Any) || ip.Equals(IPAddress.IPv6None) || MetadataAddresses.Contains(ip))
        {
            return Message(host);
        }

        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = ip.GetAddressBytes();
            if (b[0] == 0 || (b[0] == 169 && b[1] == 254) || b[0] >= 224)
            {
                return Message(host);
            }
        }

        return null;
    }

    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/> that resolves, vets and connects.</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, RegistryOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        if (RefuseName(host, options.AllowPrivateAddresses) is { } byName)
        {
            throw RegistryException.Refused(byName);
        }

        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        foreach (var address in addresses)
        {
            if (RefuseAddress(host, address, options.AllowPrivateAddresses) is { } refused)
            {
                throw RegistryException.Refused(refused);
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The handler every registry client uses: no automatic redirects (they are followed by hand), vetted connects.</summary>
    public static SocketsHttpHandler CreateHandler(RegistryOptions options) => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context, options, cancellationToken),
    };

    private static string Message(string host) =>
        $"registry host '{host}' is a loopback, link-local or cloud-metadata address; set {RegistryOptions.AllowPrivateVariable}=1 to allow it";
}
