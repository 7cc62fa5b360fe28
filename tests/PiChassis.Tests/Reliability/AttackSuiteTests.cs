using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace PiChassis.Tests.Reliability;

/// <summary>
/// Scripted attacks of the audit (issue 16), each against a real Mosquitto on the shipped
/// mosquitto.conf and pichassis.acl with the controller logged in as its chassis account
/// (<see cref="AttackRig"/>), or against the controller's embedded broker. Each prints its outcome
/// into the reliability table (area <c>attack</c>) and asserts it. Non-delivery is proven by a
/// marker that arrives after anything the attack could have caused, never by a wait. The request
/// flood is <see cref="FloodAttackTests"/>; the deploy findings are covered by the Deploy tests.
/// </summary>
[Trait("Category", "Reliability")]
[Collection(FloodsRunAlone.Name)]
public sealed partial class AttackSuiteTests(ITestOutputHelper output)
{
    private const string Area = "attack";

    private void Row(string figure, IFormattable value, string format = "N0") => ReliabilitySummary.Add(output, Area, figure, value, format);

    private static string Status(JsonObject? answer) => (string?)answer?["status"] ?? "no answer";

    /// <summary>Polls <paramref name="condition"/> until it holds; false when <paramref name="timeout"/> ran out first.</summary>
    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed >= timeout)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }
}
