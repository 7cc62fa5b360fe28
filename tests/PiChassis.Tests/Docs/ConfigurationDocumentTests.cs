using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using PiChassis.Controller.Configuration;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Docs;

/// <summary>
/// docs/configuration.md lists every setting with its default: it must not drift from the options
/// classes. The settings come from the same reflection walk as <c>SettingBoundsTests</c>; the document's
/// rows are the tables headed <see cref="TableHeader"/>, one per section.
/// </summary>
public sealed partial class ConfigurationDocumentTests
{
    private const string TableHeader = "| setting | default | unit | bounds | meaning |";

    /// <summary>How the document writes a list item's position in a key.</summary>
    private const string Item = "<n>";

    private static readonly List<Row> Rows = Parse(File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "docs", "configuration.md")));

    private static readonly IReadOnlyList<OptionSetting> Settings = [.. OptionSettings.All(Item)];

    [Fact]
    public void Document_EverySettingOfTheCode_IsListed()
    {
        var missing = Settings.Select(s => s.ValueKey).Except(Rows.Select(r => r.Key), StringComparer.Ordinal);

        Assert.Empty(missing);
    }

    [Fact]
    public void Document_EveryListedSetting_ExistsInTheCode()
    {
        var unknown = Rows.Where(r => !Settings.Any(s => s.ValueKey == r.Key)).Select(r => $"{r.Key} (line {r.Line})");

        Assert.Empty(unknown);
    }

    [Fact]
    public void Document_EveryDefault_IsTheCodes()
    {
        var differing = Settings
            .Select(s => (s.ValueKey, Code: Format(s.Default), Row: Rows.FirstOrDefault(r => r.Key == s.ValueKey)))
            .Where(x => x.Row is not null && x.Row.Default != x.Code)
            .Select(x => $"{x.ValueKey} (line {x.Row!.Line}): the document says {x.Row.Default}, the code {x.Code}")
            .ToList();

        // Joined, so that the message is not cut short as a collection's items are.
        Assert.True(differing.Count == 0, string.Join(Environment.NewLine, differing));
    }

    [Fact]
    public void Document_EveryRow_OnceInItsSectionWithEveryColumn()
    {
        Assert.True(Rows.Count >= Settings.Count / 2, $"Only {Rows.Count} rows under '{TableHeader}'.");
        Assert.Empty(Rows.GroupBy(r => r.Key).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Empty(Rows.Where(r => !r.Key.StartsWith($"{r.Section}:", StringComparison.Ordinal)).Select(r => $"{r.Key} under '## {r.Section}'"));
        Assert.Empty(Rows.Where(r => r.Unit.Length == 0 || r.Bounds.Length == 0 || r.Meaning.Length == 0).Select(r => r.Key));
    }

    [Theory]
    [InlineData(null, "unset")]
    [InlineData("", "`\"\"`")]
    [InlineData(0.05, "`0.05`")]
    [InlineData(200_000, "`200000`")]
    [InlineData(true, "`true`")]
    public void Format_Values_AsTheDocumentWritesThem(object? value, string expected) => Assert.Equal(expected, Format(value));

    [Fact]
    public void Format_TimesEnumsAndAddresses_AsTheBinderReadsThem()
    {
        Assert.Equal("`00:00:00.100`", Format(TimeSpan.FromMilliseconds(100)));
        Assert.Equal("`01:00:00`", Format(TimeSpan.FromHours(1)));
        Assert.Equal("`30.00:00:00`", Format(TimeSpan.FromDays(30)));
        Assert.Equal("`last`", Format(PiChassis.Controller.Engine.RestorePolicy.Last));
        Assert.Equal("`0x40`", Format(new I2cAddress(0x40)));
        Assert.Equal("none", Format(new List<int>()));
    }

    /// <summary>A default as the document writes it: a value in backticks in the form the configuration takes, "unset" or "none".</summary>
    private static string Format(object? value) => value switch
    {
        null => "unset",
        string { Length: 0 } => "`\"\"`",
        string s => $"`{s}`",
        bool b => b ? "`true`" : "`false`",
        TimeSpan t => $"`{Time(t)}`",
        Enum e => $"`{e.ToString().ToLowerInvariant()}`",
        IFormattable f => $"`{f.ToString(null, CultureInfo.InvariantCulture)}`",
        I2cAddress a => $"`{a}`",
        IList { Count: 0 } => "none",
        IDictionary { Count: 0 } => "none",
        IList list => $"`{string.Join(", ", list.Cast<object>().Select(i => Format(i).Trim('`')))}`",
        _ => throw new NotSupportedException($"No document form for {value.GetType()}."),
    };

    /// <summary><c>[d.]hh:mm:ss[.fff]</c>, the form appsettings.json uses; it must read back as the same time.</summary>
    private static string Time(TimeSpan t)
    {
        var text = t.Ticks % TimeSpan.TicksPerMillisecond != 0
            ? t.ToString("c", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{(t.Days > 0 ? $"{t.Days}." : "")}{t.Hours:00}:{t.Minutes:00}:{t.Seconds:00}{(t.Milliseconds > 0 ? $".{t.Milliseconds:000}" : "")}");
        Assert.Equal(t, TimeSpan.Parse(text, CultureInfo.InvariantCulture));
        return text;
    }

    /// <summary>The rows of every table headed <see cref="TableHeader"/>, with the <c>##</c> heading they are under.</summary>
    private static List<Row> Parse(string[] lines)
    {
        var rows = new List<Row>();
        var section = "";
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("## ", StringComparison.Ordinal))
            {
                section = lines[i][3..].Trim();
            }

            if (lines[i] != TableHeader)
            {
                continue;
            }

            // Past the header and its |---| line, every line that starts with '|' is a row.
            for (i += 2; i < lines.Length && lines[i].StartsWith('|'); i++)
            {
                var cells = lines[i].Split('|', StringSplitOptions.TrimEntries)[1..^1];
                var key = KeyCell().Match(cells[0]);
                Assert.True(cells.Length == 5 && key.Success, $"docs/configuration.md line {i + 1} is not a row of five cells starting with a `Section:Key`: {lines[i]}");
                rows.Add(new Row(key.Groups["key"].Value, cells[1], cells[2], cells[3], cells[4], section, i + 1));
            }
        }

        return rows;
    }

    [GeneratedRegex(@"^`(?<key>[A-Za-z]+:[^`\s]+)`$")]
    private static partial Regex KeyCell();

    private sealed record Row(string Key, string Default, string Unit, string Bounds, string Meaning, string Section, int Line);
}
