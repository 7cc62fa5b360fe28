using PiChassis.Hardware;

namespace PiChassis.Controller.Panel;

// Buttons: each one's settled edges go through its own gesture classifier, and each gesture
// becomes work on the engine loop.
public sealed partial class PanelService
{
    private void ListenToButtons()
    {
        var panel = options.Value;
        lock (_gate)
        {
            foreach (var slot in devices.Slots.Where(s => s.Button is not null))
            {
                var number = slot.Slot;
                var classifier = new PressClassifier(time, panel.LongPress, doublePressWindow: panel.DoublePressWindow);
                classifier.Pressed += (_, gesture) => OnSlotPress(number, gesture);
                Listen(slot.Button!, classifier);
            }

            if (devices.MasterButton is { } master)
            {
                var classifier = new PressClassifier(time, panel.MasterLongPress, panel.MasterVeryLongPress);
                classifier.Pressed += (_, gesture) => OnMasterPress(gesture);
                Listen(master, classifier);
            }
        }
    }

    private void Listen(IButton button, PressClassifier classifier)
    {
        EventHandler<ButtonEdge> handler = (_, edge) => classifier.OnEdge(edge);
        button.Changed += handler;
        _buttons.Add((button, handler, classifier));
    }

    private void OnSlotPress(int slot, PressGesture gesture)
    {
        LogSlotPress(slot, gesture);
        loop.Post(engine =>
        {
            if (!PanelCommands.OnSlotPress(engine, events, slot, gesture))
            {
                PlayOn(slot, LedPatterns.Refusal);
            }
        });
    }

    private void OnMasterPress(PressGesture gesture)
    {
        LogMasterPress(gesture);
        loop.Post(engine => PanelCommands.OnMasterPress(engine, events, gesture));
    }
}
