namespace PiChassis.Controller.Configuration;

/// <summary>Who uses which address on the I2C bus, for the validator's clash check.</summary>
internal sealed class I2cAddressBook(List<string> errors)
{
    private readonly Dictionary<int, (string Owner, bool Exclusive)> _owners = [];

    /// <summary>Claims a valid address; a shared claim (an expander used by several outputs) may repeat.</summary>
    public void Claim(I2cAddress? address, string owner, bool exclusive)
    {
        if (address is not { } a)
        {
            return;
        }

        if (_owners.TryGetValue(a.Value, out var existing))
        {
            if (exclusive || existing.Exclusive || existing.Owner != owner)
            {
                errors.Add($"{owner}: I2C address {a} is already used by {existing.Owner}.");
            }

            return;
        }

        _owners[a.Value] = (owner, exclusive);
    }
}
