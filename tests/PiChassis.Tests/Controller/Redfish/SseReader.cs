using System.Globalization;
using System.Text.Json.Nodes;

namespace PiChassis.Tests.Controller.Redfish;

/// <summary>A Server-Sent Events client over a real HTTP response: each message's <c>id</c> and its Redfish <c>Event</c>; comments are skipped.</summary>
internal sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream);

    public async Task<(long Id, JsonObject Event)?> NextAsync(CancellationToken cancellation)
    {
        long? id = null;
        string? data = null;
        while (await _reader.ReadLineAsync(cancellation) is { } line)
        {
            if (line.Length == 0)
            {
                if (data is not null)
                {
                    return (id ?? throw new InvalidDataException("a message without id"), JsonNode.Parse(data)!.AsObject());
                }

                continue;
            }

            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = long.Parse(line[4..], CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }

        return null; // the stream ended
    }

    public void Dispose() => _reader.Dispose();
}
