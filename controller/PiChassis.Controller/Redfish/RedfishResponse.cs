using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// Writes resources and errors as Redfish asks: JSON, an <c>ETag</c> from the content (so a PATCH
/// with <c>If-Match</c> can tell whether the resource changed), and a <c>Link</c> to the schema.
/// </summary>
public static class RedfishResponse
{
    public static Task WriteAsync(HttpContext context, JsonObject body, int status = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, RedfishJson.Default.JsonObject);
        var response = context.Response;
        response.StatusCode = status;
        response.Headers.ETag = ETagOf(bytes);
        if (body["@odata.type"]?.GetValue<string>() is { } type)
        {
            response.Headers.Link = $"<{RedfishSchemas.SchemaUri(type)}>; rel=describedby";
        }

        return WriteBytesAsync(context, bytes, "application/json; charset=utf-8");
    }

    /// <summary>Writes a Redfish error (<c>Base.1.x.GeneralError</c> carrying <paramref name="message"/>); nothing else was done.</summary>
    public static Task ErrorAsync(HttpContext context, int status, RedfishMessage message)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(message);
        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = $"{RedfishSchemas.BaseRegistry}.GeneralError",
                ["message"] = message.Text,
                ["@Message.ExtendedInfo"] = new JsonArray(message.ToJson()),
            },
        };
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        return WriteBytesAsync(context, JsonSerializer.SerializeToUtf8Bytes(body, RedfishJson.Default.JsonObject), "application/json; charset=utf-8");
    }

    public static Task WriteBytesAsync(HttpContext context, byte[] bytes, string contentType)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(bytes);
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.Body.WriteAsync(bytes).AsTask();
    }

    /// <summary>A strong ETag of a resource's content.</summary>
    public static string ETagOf(JsonObject body) => ETagOf(JsonSerializer.SerializeToUtf8Bytes(body, RedfishJson.Default.JsonObject));

    private static string ETagOf(byte[] bytes) => $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8))}\"";

    /// <summary>True when <paramref name="ifMatch"/> (absent, <c>*</c> or a list of ETags, weak or strong) allows a change of a resource whose ETag is <paramref name="etag"/>.</summary>
    public static bool Matches(string? ifMatch, string etag)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return true;
        }

        return ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(tag => tag == "*" || (tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag) == etag);
    }
}
