using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// One client of the Server-Sent Events stream: with <c>Last-Event-ID: N</c> it first replays every journal event after N, read off
/// the engine loop, then goes on with the live ones from its <see cref="SseClient"/>, which it joined
/// before the replay, so an event stored meanwhile is in one or both and sent once (by <c>seq</c>).
/// Each message is <c>id: seq</c> and one Redfish <c>Event</c>; a comment every
/// <see cref="KeepAlive"/> keeps proxies from closing a quiet stream. The stream ends when the client
/// goes, falls behind (<see cref="SseClient.Overflowed"/>), the session it was opened with ends (checked
/// before each write, so a revoked session is sent nothing more; an open stream is a use of its session),
/// or the service stops.
/// </summary>
public sealed class ServerSentEvents(EventFeed feed, RedfishSessions sessions, TimeProvider time)
{
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);
    private const int ReplayBatch = 200;
    private static readonly byte[] KeepAliveComment = ": keep-alive\n\n"u8.ToArray();

    public async Task ServeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        long? lastEventId = null;
        if (context.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } header)
        {
            if (!long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                await RedfishResponse.ErrorAsync(context, StatusCodes.Status400BadRequest,
                    RedfishMessage.GeneralError($"Last-Event-ID '{header}' is not an event's seq"));
                return;
            }

            lastEventId = parsed;
        }

        var caller = RedfishGate.Caller(context);
        if (feed.Join(caller.UserName) is not { } queue)
        {
            await RedfishResponse.ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, RedfishMessage.ServiceTemporarilyUnavailable(
                $"at most {EventFeed.MaxPerAccount} event streams per account and {EventFeed.MaxClients} in all may be open"));
            return;
        }

        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.StartAsync(ended.Token);

            // The headers go out now, not with the first event or keep-alive: a client waiting for them
            // (EventSource's open, a read timeout) must not wait up to 15 s on a quiet chassis.
            await context.Response.Body.FlushAsync(ended.Token);
            var sent = lastEventId ?? 0;
            if (lastEventId is not null)
            {
                // An id the journal never reached (its store was started afresh) would hide every event up to it: resume from the newest.
                sent = await ReplayAsync(context.Response, Math.Min(sent, feed.Journal.LastSeq), ended.Token);
            }

            await StreamLiveAsync(context.Response, queue, sent, caller.SessionId, ended.Token);
        }
        catch (OperationCanceledException)
        {
            // The client went away or the service is stopping: the stream just ends.
        }
        finally
        {
            feed.Leave(queue);
        }
    }

    private async Task<long> ReplayAsync(HttpResponse response, long sent, CancellationToken cancellation)
    {
        while (true)
        {
            var after = sent;
            var batch = await Task.Run(() => feed.Journal.Read(after, ReplayBatch), cancellation);
            foreach (var chassisEvent in batch)
            {
                await WriteAsync(response, chassisEvent, cancellation);
                sent = chassisEvent.Seq;
            }

            await response.Body.FlushAsync(cancellation);
            if (batch.Count < ReplayBatch)
            {
                return sent;
            }
        }
    }

    private async Task StreamLiveAsync(HttpResponse response, SseClient queue, long sent, string? session, CancellationToken cancellation)
    {
        var waiting = queue.Reader.WaitToReadAsync(cancellation).AsTask();
        while (true)
        {
            using (var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
            {
                var keepAlive = Task.Delay(KeepAlive, time, quiet.Token);
                var woken = await Task.WhenAny(waiting, keepAlive);
                if (session is not null && !sessions.Touch(session))
                {
                    await quiet.CancelAsync();
                    return; // the session was deleted or timed out: its stream ends with it
                }

                if (woken == keepAlive)
                {
                    cancellation.ThrowIfCancellationRequested();
                    await response.Body.WriteAsync(KeepAliveComment, cancellation);
                    await response.Body.FlushAsync(cancellation);
                    continue;
                }

                await quiet.CancelAsync();
            }

            if (!await waiting)
            {
                return; // closed: fell behind, or the service is stopping
            }

            while (queue.Reader.TryRead(out var chassisEvent))
            {
                if (chassisEvent.Seq > sent)
                {
                    await WriteAsync(response, chassisEvent, cancellation);
                    sent = chassisEvent.Seq;
                }
            }

            await response.Body.FlushAsync(cancellation);
            waiting = queue.Reader.WaitToReadAsync(cancellation).AsTask();
        }
    }

    private static async Task WriteAsync(HttpResponse response, ChassisEvent chassisEvent, CancellationToken cancellation)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(RedfishEvent.From(chassisEvent), RedfishJson.Default.JsonObject);
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"id: {chassisEvent.Seq}\ndata: ")), cancellation);
        await response.Body.WriteAsync(json, cancellation);
        await response.Body.WriteAsync("\n\n"u8.ToArray(), cancellation);
    }
}
