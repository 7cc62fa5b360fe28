using PiChassis.Controller.Engine;
using PiChassis.Hardware.Simulation.Faults;
using PiChassis.Tests.TestSupport;
using Xunit.Abstractions;

namespace PiChassis.Tests.Reliability;

/// <summary>
/// Every slot's current sensor faulting at rates from 0.1 % to 20 % of transactions, in each fault
/// mode, on the simulated chassis with a fake clock: the controller neither crashes nor trips
/// without cause, latches <c>sensor_failure</c> only after the configured run of misses, and
/// recovers when the bus is healthy again.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class I2cFaultTests(ITestOutputHelper output)
{
    private const int Slots = 4;
    private static readonly double[] Rates = [0.001, 0.01, 0.05, 0.2];
    private static readonly TimeSpan Exposure = TimeSpan.FromMinutes(ReliabilitySettings.IsLong ? 60 : 5);

    [Theory]
    [InlineData(I2cFaultMode.Nack)]
    [InlineData(I2cFaultMode.Timeout)]
    [InlineData(I2cFaultMode.StuckValue)]
    public void Sweep_SensorFaultsAtEveryRate_NoCrashNoSpuriousTripSensorFailureOnlyAfterTheMisses(I2cFaultMode mode)
    {
        using var rig = PoweredRig();
        var trips = 0;
        var lowRateTrips = 0;
        foreach (var rate in Rates)
        {
            var seqBefore = rig.Journal.LastSeq;
            var longestMisses = 0;
            foreach (var address in rig.ChassisOptions.Slots.Select(s => s.SensorAddress!.Value.Value))
            {
                rig.Buses.InjectFault(address, new I2cFaultPlan(mode, rate, seed: address));
            }

            rig.Run(Exposure, s => longestMisses = Math.Max(longestMisses, s.Slots.Max(x => x.FailedReads)));
            var tripped = rig.Journal.Read(seqBefore, int.MaxValue).Where(e => e.Type == EventTypes.FaultTrip).ToList();
            trips += tripped.Count;
            lowRateTrips += rate <= 0.01 ? tripped.Count : 0;
            output.WriteLine($"{mode} at {rate:P1}: longest run of misses {longestMisses}, trips {tripped.Count}");

            Assert.Equal(longestMisses >= rig.Protection.SensorFailureReads, tripped.Count > 0);
            Assert.All(tripped, e => Assert.Equal(FaultCodes.SensorFailure, (string?)e.Detail!["code"]));
            Assert.All(rig.Engine.States, s => Assert.True(s.Phase == SlotPhase.On || s.Fault?.Code == FaultCodes.SensorFailure, $"slot {s.Slot}: {s.Phase}"));
        }

        var injected = rig.ChassisOptions.Slots.Sum(s => rig.Buses.Device(s.SensorAddress!.Value.Value).InjectedFaults);
        ReliabilitySummary.Add(output, "i2c faults", $"{mode}: faults injected (0.1-20 %)", injected);
        ReliabilitySummary.Add(output, "i2c faults", $"{mode}: trips (all sensor_failure after misses)", trips);
        Assert.Equal(0, lowRateTrips);
    }

    [Fact]
    public void Sweep_SensorSilentThenBack_SensorFailureAfterExactlyTheConfiguredMissesThenClears()
    {
        using var rig = PoweredRig();
        var address = rig.ChassisOptions.Slots[1].SensorAddress!.Value.Value;
        rig.Buses.InjectFault(address, I2cFaultPlan.Always(I2cFaultMode.Timeout));

        var sweeps = 0;
        while (rig.State(2).Fault is null && sweeps < 100)
        {
            rig.Step();
            sweeps++;
        }

        Assert.Equal(rig.Protection.SensorFailureReads, sweeps);
        Assert.Equal(FaultCodes.SensorFailure, rig.State(2).Fault?.Code);
        Assert.True(rig.Chassis.Slot(2).RelayInputClosed, "sensor failure keeps the board powered");
        Assert.False(rig.Execute(2, SlotAction.ClearFault).Ok);

        rig.Buses.Device(address).Clear();
        rig.Step();
        Assert.False(rig.Last!.Slots[1].Stale);
        Assert.True(rig.Execute(2, SlotAction.ClearFault).Ok);
        Assert.Equal(SlotPhase.On, rig.State(2).Phase);
        ReliabilitySummary.Add(output, "i2c faults", "sweeps to sensor_failure (configured)", sweeps);
    }

    private static SimulatedRig PoweredRig()
    {
        var rig = new SimulatedRig(Slots);
        foreach (var slot in Enumerable.Range(1, Slots))
        {
            rig.Execute(slot, SlotAction.On);
        }

        Assert.True(rig.RunUntil(() => rig.Engine.States.All(s => s.Phase == SlotPhase.On), TimeSpan.FromMinutes(5)));
        return rig;
    }
}
