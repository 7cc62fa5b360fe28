using System.ComponentModel;
using System.Globalization;

namespace PiChassis.Controller.Configuration;

/// <summary>Lets the configuration binder read "0x40" into an <see cref="I2cAddress"/>.</summary>
public sealed class I2cAddressConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string s ? I2cAddress.Parse(s) : base.ConvertFrom(context, culture, value);
}
