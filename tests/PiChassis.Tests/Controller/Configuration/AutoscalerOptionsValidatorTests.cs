using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Hosting;

namespace PiChassis.Tests.Controller.Configuration;

/// <summary>The autoscaler's section: every error at once, groups resolved against this chassis' slots.</summary>
public sealed class AutoscalerOptionsValidatorTests
{
    private static IEnumerable<string> Validate(AutoscalerOptions options)
    {
        var chassis = new ChassisOptions { SlotCount = 4 };
        DefaultWiring.ApplyTo(chassis);
        var result = new AutoscalerOptionsValidator(Options.Create(chassis)).Validate(null, options);
        return result.Failures ?? [];
    }

    private static NodeGroupOptions Group(string name, string nodes, int min = 0, int max = -1) =>
        new() { Name = name, Nodes = nodes, MinSize = min, MaxSize = max };

    [Fact]
    public void Validate_GroupsOfThisChassis_NoError()
    {
        var options = new AutoscalerOptions();
        options.NodeGroups.Add(Group("workers", "node[01-03]", 1, 3));
        options.NodeGroups.Add(Group("spare", "node04"));

        Assert.Empty(Validate(options));
    }

    [Fact]
    public void Validate_ManyMistakes_EveryOneReportedAtOnce()
    {
        var options = new AutoscalerOptions { Address = "0.0.0.0", CertificatePath = "/nonexistent.pem" };
        options.NodeGroups.Add(Group("workers", "node[01-02]", 3, 2));
        options.NodeGroups.Add(Group("Bad_Name", "node[02-03],node09"));
        options.NodeGroups.Add(Group("workers", "node04", max: 5));
        options.NodeGroups[0].ReservedMemoryMiB = 5000;

        var errors = Validate(options).ToList();

        Assert.Contains(errors, e => e.Contains("Autoscaler:CertificatePath '/nonexistent.pem' is not an existing file", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("go together", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("0.0.0.0 is not loopback", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Autoscaler:NodeGroups:0: MinSize 3", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Autoscaler:NodeGroups:0: ReservedMemoryMiB", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Autoscaler:NodeGroups:1: Name 'Bad_Name'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("slot 2 (node02) is in group 'workers' already", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'node09' is no slot of chassis 'sim'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Autoscaler:NodeGroups:2: Name 'workers' is used by another group", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Autoscaler:NodeGroups:2: MaxSize 5", StringComparison.Ordinal));
        Assert.Equal(10, errors.Count);
    }

    [Fact]
    public void Collect_BadChassisAndBadAutoscaler_EachErrorListedOnce()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Chassis:Id"] = "Bad_Id",
            ["Autoscaler:Port"] = "70000",
            ["Autoscaler:RemoteChassis:0"] = "Rack_2",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddPiChassisController(configuration).BuildServiceProvider();

        var errors = ConfigurationCheck.Collect(services);

        Assert.Single(errors, e => e.StartsWith("Chassis:Id 'Bad_Id'", StringComparison.Ordinal));
        Assert.Single(errors, e => e.StartsWith("Autoscaler:Port 70000", StringComparison.Ordinal));
        Assert.Single(errors, e => e.StartsWith("Autoscaler:RemoteChassis:0 'Rack_2'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SlotTermsOrAll_RefusedAsNodes()
    {
        var options = new AutoscalerOptions();
        options.NodeGroups.Add(Group("a", "slot:1-2"));
        options.NodeGroups.Add(Group("b", "all"));

        Assert.Equal(2, Validate(options).Count(e => e.Contains("must be a hostlist of node names", StringComparison.Ordinal)));
    }
}
