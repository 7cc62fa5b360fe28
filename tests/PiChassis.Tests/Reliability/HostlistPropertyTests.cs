using System.Globalization;
using CsCheck;
using PiChassis.Shared.Hostlists;

namespace PiChassis.Tests.Reliability;

/// <summary>Properties of the hostlist parser over generated input: expansion, order, padding, and no surprise exceptions.</summary>
[Trait("Category", "Reliability")]
public sealed class HostlistPropertyTests
{
    private static readonly Gen<string> Prefix = Gen.Char["abcnoderk-"].Array[1, 6].Select(a => "n" + new string(a));

    [Fact]
    public void Parse_PaddedRange_ExpandsEveryNumberInOrderAtTheLowerBoundsWidth()
    {
        Gen.Select(Prefix, Gen.Int[0, 5000], Gen.Int[0, 300], Gen.Int[1, 5]).Sample((prefix, low, span, width) =>
        {
            var high = low + span;
            var lowText = low.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
            var hostlist = Hostlist.Parse($"{prefix}[{lowText}-{high}]");

            var expected = Enumerable.Range(low, span + 1).Select(n => prefix + n.ToString(CultureInfo.InvariantCulture).PadLeft(lowText.Length, '0'));
            Assert.Equal(expected, hostlist.Nodes);
        });
    }

    [Fact]
    public void Parse_FormattedNames_RoundTripsFirstOccurrenceOrder()
    {
        var names = Gen.Select(Prefix, Gen.Int[0, 999]).Select((p, n) => p + n.ToString(CultureInfo.InvariantCulture)).Array[1, 40];
        names.Sample(list =>
        {
            var hostlist = Hostlist.Parse(string.Join(",", list));

            Assert.Equal(list.Distinct(StringComparer.Ordinal), hostlist.Nodes);
            Assert.Empty(hostlist.Slots);
            Assert.False(hostlist.All);
        });
    }

    [Fact]
    public void Parse_SlotNumbers_KeepsFirstOrderOnce()
    {
        Gen.Int[1, 64].Array[1, 30].Sample(slots =>
        {
            var hostlist = Hostlist.Parse(Hostlist.SlotPrefix + string.Join(",", slots));

            Assert.Equal(slots.Distinct(), hostlist.Slots);
        });
    }

    [Fact]
    public void Parse_AnyText_ReturnsOrThrowsOnlyFormatExceptionAndAgreesWithTryParse()
    {
        var hostile = Gen.OneOf(Gen.String, Gen.Char["ab01-9[],:slot all\\x"].Array[0, 40].Select(a => new string(a)));
        hostile.Sample(text =>
        {
            var parsed = Hostlist.TryParse(text, out var hostlist, out var error);
            Assert.True(parsed ? hostlist is not null && error is null : hostlist is null && !string.IsNullOrEmpty(error));
            if (!parsed)
            {
                Assert.Throws<FormatException>(() => Hostlist.Parse(text));
            }
            else
            {
                Assert.True(hostlist!.Nodes.Count + hostlist.Slots.Count <= 2 * Hostlist.MaxTargets);
            }
        }, iter: 20_000);
    }
}
