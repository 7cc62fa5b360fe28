using PiChassis.Controller.ConsoleView;
using PiChassis.Controller.Panel;

namespace PiChassis.Tests.Controller.ConsoleView;

public class ConsoleKeyMapTests
{
    [Theory]
    [InlineData('1', 1, PressGesture.ShortPress)]
    [InlineData('9', 9, PressGesture.ShortPress)]
    [InlineData('q', 1, PressGesture.LongPress)]
    [InlineData('o', 9, PressGesture.LongPress)]
    [InlineData('a', 1, PressGesture.DoublePress)]
    [InlineData('l', 9, PressGesture.DoublePress)]
    public void Map_SlotKeys_SlotAndGesture(char key, int slot, PressGesture gesture) =>
        Assert.Equal((slot, gesture), ConsoleKeyMap.Map(key));

    [Theory]
    [InlineData('m', PressGesture.ShortPress)]
    [InlineData('M', PressGesture.LongPress)]
    [InlineData('c', PressGesture.VeryLongPress)]
    public void Map_MasterKeys_NoSlot(char key, PressGesture gesture) =>
        Assert.Equal(((int?)null, gesture), ConsoleKeyMap.Map(key));

    [Theory]
    [InlineData('0')]
    [InlineData('z')]
    [InlineData(' ')]
    public void Map_OtherKeys_Nothing(char key) => Assert.Null(ConsoleKeyMap.Map(key));
}
