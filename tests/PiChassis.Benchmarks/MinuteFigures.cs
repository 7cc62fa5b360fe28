namespace PiChassis.Benchmarks;

/// <summary>One minute of a replay: the nodes needed, the most that were up (phase on) in it, and the controller's confident forecast of it, if any.</summary>
internal readonly record struct MinuteFigures(int Demand, int NodesUp, int? Predicted);
