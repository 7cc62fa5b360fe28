using System.Text.Json.Nodes;
using PiChassis.Tests.Controller.Mqtt.Support;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Deploy;

/// <summary>
/// kubernetes/cluster-autoscaler.yaml read by a real YAML parser (Debian's python3-yaml), and what its
/// parts must agree on: the cloud config path and the mounted ConfigMap, the certificate paths and the
/// secret make-certs.sh makes, the RBAC and what the autoscaler reads and writes.
/// </summary>
public class KubernetesManifestsTests
{
    private static readonly string Kubernetes = Path.Combine(RepositoryPaths.Deploy, "kubernetes");

    [Fact]
    public async Task Manifests_EveryDocument_IsAnObjectWithKindAndName()
    {
        var docs = await Documents();

        Assert.NotEmpty(docs);
        Assert.All(docs, d => Assert.False(string.IsNullOrEmpty((string?)d["apiVersion"]) || string.IsNullOrEmpty((string?)d["kind"]) || string.IsNullOrEmpty((string?)d["metadata"]?["name"]), d.ToJsonString()));
        Assert.Equal(
            new[] { "ClusterRole", "ClusterRoleBinding", "ConfigMap", "Deployment", "Role", "RoleBinding", "ServiceAccount" },
            docs.Select(d => (string)d["kind"]!).Order());
    }

    [Fact]
    public async Task Deployment_ExternalGrpcWithTheMountedCloudConfig_NoStaticNodes()
    {
        var docs = await Documents();
        var pod = Kind(docs, "Deployment")["spec"]!["template"]!["spec"]!;
        var container = pod["containers"]!.AsArray().Single()!;
        var args = container["args"]!.AsArray().Select(a => (string)a!).ToList();
        var cloudConfig = args.Single(a => a.StartsWith("--cloud-config=", StringComparison.Ordinal))["--cloud-config=".Length..];

        Assert.Contains("--cloud-provider=externalgrpc", args);
        Assert.DoesNotContain(args, a => a.StartsWith("--nodes", StringComparison.Ordinal));
        Assert.Matches(@"^registry\.k8s\.io/autoscaling/cluster-autoscaler:v1\.3[5-9]\.\d+$", (string)container["image"]!);
        Assert.Equal((string)Kind(docs, "ServiceAccount")["metadata"]!["name"]!, (string)pod["serviceAccountName"]!);

        // The path is <mountPath>/<key>: a volume of the manifest's ConfigMap, mounted there, holding that key.
        var configMap = Kind(docs, "ConfigMap");
        var (volume, key) = MountedFile(pod, container, cloudConfig);
        Assert.Equal((string)configMap["metadata"]!["name"]!, (string)volume["configMap"]!["name"]!);
        Assert.NotNull(configMap["data"]![key]);
    }

    [Fact]
    public async Task CloudConfig_UpstreamKeysAndCertificatesFromTheSecretMakeCertsMakes()
    {
        var docs = await Documents();
        var pod = Kind(docs, "Deployment")["spec"]!["template"]!["spec"]!;
        var container = pod["containers"]!.AsArray().Single()!;
        var config = await Yaml((string)Kind(docs, "ConfigMap")["data"]!["cloud-config"]!);
        var makeCerts = File.ReadAllText(Path.Combine(Kubernetes, "make-certs.sh"));

        // The keys externalgrpc's cloudConfig reads; any other would be ignored silently.
        Assert.Subset(new HashSet<string> { "address", "key", "cert", "cacert", "grpc_timeout" }, config.AsObject().Select(p => p.Key).ToHashSet());
        Assert.Matches(@"^[^:\s]+:\d+$", (string)config["address"]!);
        foreach (var (field, file) in new[] { ("cert", "tls.crt"), ("key", "tls.key"), ("cacert", "ca.crt") })
        {
            var (volume, key) = MountedFile(pod, container, (string)config[field]!);
            Assert.Equal(file, key);
            Assert.Contains($"create secret generic {(string)volume["secret"]!["secretName"]!} ", makeCerts, StringComparison.Ordinal);
            Assert.Contains($"--from-file={file}=", makeCerts, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("", "nodes", "get,list,watch,update")]
    [InlineData("", "pods", "get,list,watch")]
    [InlineData("", "pods/eviction", "create")]
    [InlineData("", "pods/status", "update")]
    [InlineData("", "events", "create,patch")]
    [InlineData("", "namespaces", "get,list,watch")]
    [InlineData("", "services", "get,list,watch")]
    [InlineData("", "persistentvolumes", "get,list,watch")]
    [InlineData("", "persistentvolumeclaims", "get,list,watch")]
    [InlineData("apps", "daemonsets", "get,list,watch")]
    [InlineData("apps", "replicasets", "get,list,watch")]
    [InlineData("apps", "statefulsets", "get,list,watch")]
    [InlineData("batch", "jobs", "get,list,watch")]
    [InlineData("policy", "poddisruptionbudgets", "list,watch")]
    [InlineData("storage.k8s.io", "csinodes", "get,list,watch")]
    [InlineData("storage.k8s.io", "storageclasses", "get,list,watch")]
    [InlineData("storage.k8s.io", "volumeattachments", "get,list,watch")]
    [InlineData("coordination.k8s.io", "leases", "create,get,update")]
    public async Task ClusterRole_GrantsWhatTheAutoscalerNeeds_BoundToItsAccount(string group, string resource, string verbs)
    {
        var docs = await Documents();
        var granted = Kind(docs, "ClusterRole")["rules"]!.AsArray()
            .Where(r => r!["apiGroups"]!.AsArray().Any(g => (string)g! == group) && r["resources"]!.AsArray().Any(x => (string)x! == resource))
            .SelectMany(r => r!["verbs"]!.AsArray().Select(v => (string)v!))
            .ToHashSet();

        Assert.Subset(granted, verbs.Split(',').ToHashSet());
        var binding = Kind(docs, "ClusterRoleBinding");
        Assert.Equal((string)Kind(docs, "ClusterRole")["metadata"]!["name"]!, (string)binding["roleRef"]!["name"]!);
        Assert.Contains(binding["subjects"]!.AsArray(), s => (string)s!["name"]! == (string)Kind(docs, "ServiceAccount")["metadata"]!["name"]!);
    }

    [Fact]
    public async Task Role_LetsItKeepItsStatusConfigMap()
    {
        var docs = await Documents();
        var rules = Kind(docs, "Role")["rules"]!.AsArray();

        Assert.Contains(rules, r => r!["resources"]!.AsArray().Any(x => (string)x! == "configmaps") && r["verbs"]!.AsArray().Any(v => (string)v! == "create"));
        Assert.Contains(rules, r => r!["resourceNames"]?.AsArray().Any(n => (string)n! == "cluster-autoscaler-status") == true && r["verbs"]!.AsArray().Any(v => (string)v! == "update"));
        Assert.Equal((string)Kind(docs, "Role")["metadata"]!["name"]!, (string)Kind(docs, "RoleBinding")["roleRef"]!["name"]!);
    }

    [Fact]
    public async Task K3sAgentConfig_Slot_YamlWithProviderIdNodeNameAndGroupLabel()
    {
        var (exitCode, output) = await ShellScript.RunAsync(Path.Combine(Kubernetes, "k3s-agent-config.sh"), "rack1", "3", "node03", "workers", "faas=true");

        Assert.True(exitCode == 0, output);
        var config = await Yaml(output);
        Assert.Equal("node03", (string)config["node-name"]!);
        Assert.Equal(new[] { "provider-id=pichassis://rack1/3" }, config["kubelet-arg"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(new[] { "pichassis.io/node-group=workers", "faas=true" }, config["node-label"]!.AsArray().Select(a => (string)a!));
    }

    [Theory]
    [InlineData("rack1", "3", "node03")]
    [InlineData("Rack1", "3", "node03", "workers")]
    [InlineData("rack1", "0", "node03", "workers")]
    [InlineData("rack1", "17", "node03", "workers")]
    [InlineData("rack1", "03", "node03", "workers")]
    [InlineData("rack1", "3", "-node03", "workers")]
    [InlineData("rack1", "3", "node03", "workers!")]
    [InlineData("rack1", "3", "node03", "workers", "no-equals")]
    public async Task K3sAgentConfig_BadArguments_Exit2(params string[] args)
    {
        var (exitCode, output) = await ShellScript.RunAsync(Path.Combine(Kubernetes, "k3s-agent-config.sh"), args);

        Assert.Equal(2, exitCode);
        Assert.Contains("k3s-agent-config.sh: ", output, StringComparison.Ordinal);
    }

    private static JsonNode Kind(IReadOnlyList<JsonNode> docs, string kind) => docs.Single(d => (string)d["kind"]! == kind);

    /// <summary>The volume mounted at the file's directory, and the file's name in it.</summary>
    private static (JsonNode Volume, string Key) MountedFile(JsonNode pod, JsonNode container, string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        var mount = container["volumeMounts"]!.AsArray().Single(m => (string)m!["mountPath"]! == directory)!;
        var volume = pod["volumes"]!.AsArray().Single(v => (string)v!["name"]! == (string)mount["name"]!)!;
        return (volume, Path.GetFileName(path));
    }

    private static async Task<IReadOnlyList<JsonNode>> Documents() =>
        [.. (await Python("import sys, json, yaml; print(json.dumps([d for d in yaml.safe_load_all(open(sys.argv[1])) if d is not None]))", Path.Combine(Kubernetes, "cluster-autoscaler.yaml"))).AsArray().Select(d => d!)];

    private static Task<JsonNode> Yaml(string text) =>
        Python("import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))", input: text);

    // Debian's python3-yaml is importable by /usr/bin/python3 only (tests/run.sh installs it).
    private static async Task<JsonNode> Python(string code, string? argument = null, string? input = null)
    {
        var result = await ProcessRunner.RunAsync("/usr/bin/python3", argument is null ? ["-c", code] : ["-c", code, argument], TimeSpan.FromSeconds(30), input);
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonNode.Parse(result.Output)!;
    }
}
