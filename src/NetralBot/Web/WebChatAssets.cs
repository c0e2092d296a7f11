using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace NetralBot.Web;

/// <summary>
/// Our own web chat, embedded in the program: the page at /chat and the one-line widget at /widget.js, and for sites that
/// show Microsoft's Web Chat, /webchat-directline.js (its Direct Line to this bot, taking a question while it still
/// connects). Plain files, no outside requests; the page may be framed by any site (that is how the widget shows it), and allows nothing but
/// this host. Served gzip-compressed to browsers that accept it.
/// </summary>
public static class WebChatAssets
{
    private static readonly (string Route, string Resource, string ContentType)[] Files =
    [
        ("/chat", "chat.html", "text/html; charset=utf-8"),
        ("/chat/chat.css", "chat.css", "text/css; charset=utf-8"),
        ("/chat/chat.js", "chat.js", "text/javascript; charset=utf-8"),
        ("/widget.js", "widget.js", "text/javascript; charset=utf-8"),
        ("/webchat-directline.js", "webchat-directline.js", "text/javascript; charset=utf-8"),
    ];

    private const string Policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors *";

    public static void MapWebChatAssets(this IEndpointRouteBuilder app)
    {
        foreach (var (route, resource, contentType) in Files)
        {
            var content = Read(resource);
            if (content is null)
            {
                continue;
            }
            var etag = "\"" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content))[..16] + "\"";
            var gzip = Compress(content); // a slow phone connection gets about 40 % of the bytes
            app.MapGet(route, (HttpContext context) =>
            {
                if (context.Request.Path.Value?.EndsWith('/') == true)
                {
                    // "/chat/" matches this route too, but the page's relative links need "/chat"; a relative Location
                    // keeps a proxy's path prefix.
                    return Results.Redirect("../chat" + context.Request.QueryString);
                }
                var headers = context.Response.Headers;
                headers.ETag = etag;
                headers.CacheControl = "public, max-age=300";
                headers.Vary = "Accept-Encoding";
                headers["X-Content-Type-Options"] = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                if (resource.EndsWith(".html", StringComparison.Ordinal))
                {
                    headers.ContentSecurityPolicy = Policy;
                }
                if (context.Request.Headers.IfNoneMatch == etag)
                {
                    return Results.StatusCode(StatusCodes.Status304NotModified);
                }
                if (context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
                {
                    headers.ContentEncoding = "gzip";
                    return Results.Bytes(gzip, contentType);
                }
                return Results.Bytes(content, contentType);
            });
        }
    }

    private static byte[] Compress(byte[] content)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(content);
        }
        return compressed.ToArray();
    }

    private static byte[]? Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("NetralBot.Web.Assets." + name);
        if (stream is null)
        {
            return null;
        }
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
