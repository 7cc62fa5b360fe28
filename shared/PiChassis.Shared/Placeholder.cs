namespace PiChassis.Shared; internal static class Placeholder {}
