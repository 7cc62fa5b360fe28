using Google.Protobuf;

namespace PiChassis.Tests.Controller.Autoscaler;

/// <summary>One field as it is on the wire: its number, and its varint or its bytes.</summary>
internal sealed record WireField(int Number, WireFormat.WireType Type, ulong Varint, ByteString Bytes);

/// <summary>
/// Reads protobuf messages field by field with no schema but the field numbers the caller names, so a
/// test keyed on upstream's numbers fails when our .proto numbers a field otherwise.
/// </summary>
internal static class ProtoWire
{
    public static IReadOnlyList<WireField> Read(ByteString message)
    {
        var fields = new List<WireField>();
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            var type = WireFormat.GetTagWireType(tag);
            fields.Add(type switch
            {
                WireFormat.WireType.Varint => new WireField(number, type, input.ReadUInt64(), ByteString.Empty),
                WireFormat.WireType.LengthDelimited => new WireField(number, type, 0, input.ReadBytes()),
                WireFormat.WireType.Fixed64 => new WireField(number, type, input.ReadFixed64(), ByteString.Empty),
                WireFormat.WireType.Fixed32 => new WireField(number, type, input.ReadFixed32(), ByteString.Empty),
                _ => throw new InvalidDataException($"field {number}: wire type {type} is not read here"),
            });
        }

        return fields;
    }

    /// <summary>The one embedded message (or string's bytes) numbered <paramref name="number"/>.</summary>
    public static ByteString Single(this IReadOnlyList<WireField> fields, int number) =>
        fields.Single(f => f.Number == number && f.Type == WireFormat.WireType.LengthDelimited).Bytes;

    public static string String(this IReadOnlyList<WireField> fields, int number) => fields.Single(number).ToStringUtf8();

    /// <summary>Every occurrence of a repeated message field.</summary>
    public static IReadOnlyList<IReadOnlyList<WireField>> Repeated(this IReadOnlyList<WireField> fields, int number) =>
        [.. fields.Where(f => f.Number == number).Select(f => Read(f.Bytes))];

    /// <summary>A map field: each entry is a message with the key as field 1 and the value as field 2.</summary>
    public static Dictionary<string, ByteString> Map(this IReadOnlyList<WireField> fields, int number) =>
        fields.Repeated(number).ToDictionary(entry => entry.String(1), entry => entry.Single(2), StringComparer.Ordinal);
}
