using PiChassis.Hardware.Simulation.Physics;

namespace PiChassis.Tests.Controller.Engine;

/// <summary>Simulated chassis air whose temperature is the ambient a test sets, within a second: heat scenarios without the thermal lag.</summary>
internal static class ChassisAir
{
    public static void FollowsAmbient(ChassisModelOptions model)
    {
        model.ExhaustRiseCPerW = 0;
        model.ThermalTimeConstantS = 1;
    }
}
