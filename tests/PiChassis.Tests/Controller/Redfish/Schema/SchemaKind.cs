namespace PiChassis.Tests.Controller.Redfish.Schema;

/// <summary>The JSON kinds of the DMTF schemas' property types, as this check tells them apart.</summary>
internal enum SchemaKind
{
    String,
    StringArray,
    Integer,
    Number,
    Boolean,
    Object,
    Array,
    Link,
    LinkArray,
}
