using MQTTnet;

namespace PiChassis.Controller.Mqtt;

/// <summary>The reconnect loop and the client's event handlers.</summary>
public sealed partial class MqttConnection
{
    private async Task RunAsync(CancellationToken stop)
    {
        var backoff = _options.ReconnectMinDelay;

        // A connection lost before it lasted one keep-alive is retried after the backoff, not at once:
        // two clients under one client id (a second controller with this chassis id) would otherwise
        // throw each other out as fast as the broker answers. One that lasted resets the backoff.
        var lostEarly = false;
        while (!stop.IsCancellationRequested)
        {
            Task? wakeup = Volatile.Read(ref _wakeup).Task;
            TimeSpan wait;
            if (!_client.IsConnected && lostEarly)
            {
                lostEarly = false;
                wait = Jitter(backoff);
                LogLostEarly(_endpoint, wait, ClientId);
                backoff = Doubled(backoff);
                wakeup = null;
            }
            else if (!_client.IsConnected)
            {
                if (await TryConnectAsync(stop))
                {
                    lostEarly = true;
                    wait = _options.KeepAlive;
                }
                else
                {
                    wait = Jitter(backoff);
                    backoff = Doubled(backoff);
                    wakeup = null;
                }
            }
            else
            {
                await PingAsync(stop);
                lostEarly = false;
                backoff = _options.ReconnectMinDelay;
                wait = _options.KeepAlive;
            }

            await WaitAsync(wait, wakeup, stop);
        }
    }

    private TimeSpan Doubled(TimeSpan backoff) => TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.ReconnectMaxDelay.Ticks));

    private async Task<bool> TryConnectAsync(CancellationToken stop)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
            timeout.CancelAfter(OperationTimeout);
            var result = await _client.ConnectAsync(_clientOptions, timeout.Token);
            if (result.ResultCode == MqttClientConnectResultCode.Success)
            {
                return true;
            }

            LogRefused(_endpoint, result.ResultCode.ToString(), result.ReasonString);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var reason = e.GetBaseException().Message;
            if (_failures++ == 0)
            {
                LogConnectFailed(_endpoint, reason);
            }
            else
            {
                LogConnectStillFailing(_endpoint, _failures, reason);
            }
        }

        return false;
    }

    private async Task PingAsync(CancellationToken stop)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
            timeout.CancelAfter(OperationTimeout);
            await _client.PingAsync(timeout.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException && !stop.IsCancellationRequested)
        {
            // A half-open connection answers no ping: drop it so the loop reconnects.
            LogPingFailed(e.Message);
            try
            {
                using var timeout = new CancellationTokenSource(OperationTimeout, _time);
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token);
            }
            catch (Exception inner) when (inner is not OutOfMemoryException)
            {
                LogStopFailed(inner.Message);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Stopping: a ping under way ends however the client ends it (MQTTnet says "timed out", not "cancelled").
        }
    }

    /// <summary>Waits <paramref name="wait"/>, or less when <paramref name="wakeup"/> completes first (a lost connection).</summary>
    private async Task WaitAsync(TimeSpan wait, Task? wakeup, CancellationToken stop)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var delay = Task.Delay(wait, _time, done.Token);
        await (wakeup is null ? Task.WhenAny(delay) : Task.WhenAny(delay, wakeup));
        await done.CancelAsync();
    }

    private static TimeSpan Jitter(TimeSpan delay) =>
        TimeSpan.FromTicks((long)(delay.Ticks * (0.8 + (0.4 * Random.Shared.NextDouble()))));

    private async Task OnConnectedAsync(MqttClientConnectedEventArgs args)
    {
        await _subscribing.WaitAsync();
        try
        {
            // A new session has none of the run-time filters: all of them go with the fixed ones.
            var wanted = Volatile.Read(ref _wanted);
            if (_subscriptions.Count + wanted.Count > 0)
            {
                var subscribe = new MqttClientSubscribeOptions { TopicFilters = [.. _subscriptions, .. wanted] };
                using var timeout = new CancellationTokenSource(OperationTimeout, _time);
                await _client.SubscribeAsync(subscribe, timeout.Token);
            }

            _subscribed = [.. wanted.Select(f => f.Topic)];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogSubscribeFailed(e.Message);
            Wake();
            return;
        }
        finally
        {
            _subscribing.Release();
        }

        _failures = 0;
        LogConnected(_endpoint, ClientId);
        Connected?.Invoke(this, EventArgs.Empty);
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        if (args.ClientWasConnected && _stop is not null)
        {
            if (args.Reason == MqttClientDisconnectReason.SessionTakenOver)
            {
                // Said only by brokers that send the reason (MQTTnet's does; Mosquitto 2.0 just closes).
                LogSessionTakenOver(_endpoint, ClientId);
            }
            else
            {
                LogDisconnected(_endpoint, args.Reason.ToString(), args.Exception?.GetBaseException().Message ?? args.ReasonString ?? "");
            }

            Disconnected?.Invoke(this, EventArgs.Empty);
            Wake();
        }

        return Task.CompletedTask;
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        if (MessageReceived is not { } handler)
        {
            return;
        }

        try
        {
            await handler(args.ApplicationMessage);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogHandlerFailed(args.ApplicationMessage.Topic, e);
        }
    }

    private void Wake() =>
        Interlocked.Exchange(ref _wakeup, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
