using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace PiChassis.Controller.Engine;

/// <summary>
/// <c>Power:HaltCommand</c> as an argument vector: split into words once, at start, with the
/// shell's quoting (<c>'…'</c>, <c>"…"</c>, <c>\</c>), then <c>{node}</c> and <c>{slot}</c> are
/// substituted inside each word. No shell ever sees a node name, so a name cannot become an option
/// or a second command; the program is run directly.
/// </summary>
public sealed class HaltCommandTemplate
{
    private readonly IReadOnlyList<string> _words;

    private HaltCommandTemplate(IReadOnlyList<string> words) => _words = words;

    /// <summary>The words as split, placeholders still in them.</summary>
    public IReadOnlyList<string> Words => _words;

    /// <summary>Splits <paramref name="template"/>; false with the reason when its quotes do not close or it has no words.</summary>
    public static bool TryParse(string template, [NotNullWhen(true)] out HaltCommandTemplate? parsed, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(template);
        parsed = null;
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (quote is { } open)
            {
                if (c == open)
                {
                    quote = null;
                }
                else if (c == '\\' && open == '"' && i + 1 < template.Length && template[i + 1] is '"' or '\\')
                {
                    word.Append(template[++i]);
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (c == '\\')
            {
                if (i + 1 == template.Length)
                {
                    error = "it ends with a lone '\\'";
                    return false;
                }

                word.Append(template[++i]);
                inWord = true;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (quote is { } unclosed)
        {
            error = $"its {unclosed} quote is not closed";
            return false;
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        if (words.Count == 0)
        {
            error = "it has no program to run";
            return false;
        }

        parsed = new HaltCommandTemplate(words);
        error = null;
        return true;
    }

    /// <summary>The process to start for <paramref name="node"/> in <paramref name="slot"/>: each word one argument, never through a shell.</summary>
    public ProcessStartInfo StartInfo(int slot, string node)
    {
        var slotText = slot.ToString(CultureInfo.InvariantCulture);
        var argv = _words.Select(w => w.Replace("{node}", node, StringComparison.Ordinal).Replace("{slot}", slotText, StringComparison.Ordinal)).ToList();
        var info = new ProcessStartInfo(argv[0]) { UseShellExecute = false };
        foreach (var argument in argv.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    public override string ToString() => string.Join(' ', _words);
}
