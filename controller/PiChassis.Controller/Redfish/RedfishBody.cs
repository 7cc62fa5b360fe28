using System.Text.Json;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// Reads a request's JSON object, at most <see cref="MaxBytes"/>: a larger body is refused (413) before
/// or while it is read, never buffered whole. A body that is not a JSON object is answered <c>MalformedJSON</c>.
/// A body not sent as <c>application/json</c> is refused (415) unread: a web page can send text/plain, a
/// form or an untyped body to another site without a CORS preflight, with the Basic credentials the
/// browser has cached for it; <c>application/json</c> needs the preflight, which this service never grants.
/// </summary>
public static class RedfishBody
{
    public const int MaxBytes = 64 * 1024;

    // A key given twice is refused: {"ResetType":"On","ResetType":"ForceOff"} must not mean whichever came last.
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    /// <summary>The body as a JSON object; null when an error has been written instead.</summary>
    public static async Task<JsonDocument?> ReadObjectAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            || !string.Equals(type.MediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            await RedfishResponse.ErrorAsync(context, StatusCodes.Status415UnsupportedMediaType,
                RedfishMessage.GeneralError($"the request body must be sent as application/json, not '{context.Request.ContentType}'"));
            return null;
        }

        if (context.Request.ContentLength > MaxBytes)
        {
            await TooLargeAsync(context);
            return null;
        }

        var buffer = new byte[MaxBytes + 1];
        var length = 0;
        try
        {
            int read;
            while (length < buffer.Length && (read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted)) > 0)
            {
                length += read;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await TooLargeAsync(context);
            return null;
        }

        if (length > MaxBytes)
        {
            await TooLargeAsync(context);
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.AsMemory(0, length), Options);
        }
        catch (JsonException e)
        {
            await RedfishResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, RedfishMessage.MalformedJson(e.Message));
            return null;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            await RedfishResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, RedfishMessage.MalformedJson("the body must be a JSON object"));
            return null;
        }

        return document;
    }

    /// <summary>A JSON value as a message argument: strings as they are, anything else as its JSON text.</summary>
    public static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static Task TooLargeAsync(HttpContext context) =>
        RedfishResponse.ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, RedfishMessage.GeneralError($"the request body is larger than {MaxBytes} bytes"));
}
