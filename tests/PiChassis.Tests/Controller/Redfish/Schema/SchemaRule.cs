namespace PiChassis.Tests.Controller.Redfish.Schema;

/// <summary>
/// One property a DMTF schema version defines: its path in the resource (<c>Status.State</c>;
/// <c>Members[]</c> for each element of an array, <c>Members[].@odata.id</c> below it), the JSON kind
/// it must have, the values an enum allows, and whether the schema requires it or lets it be null.
/// </summary>
internal sealed record SchemaRule(string Path, SchemaKind Kind, IReadOnlyList<string>? Values = null, bool Required = false, bool Nullable = false)
{
    public static SchemaRule Enum(string path, params string[] values) => new(path, SchemaKind.String, values);

    public static SchemaRule EnumArray(string path, params string[] values) => new(path, SchemaKind.StringArray, values);

    /// <summary>A reference to another resource: an object whose only property is <c>@odata.id</c>.</summary>
    public static SchemaRule Link(string path, bool required = false) => new(path, SchemaKind.Link, Required: required);
}
