using System.Globalization;
using System.Text;

namespace PiChassis.Shared.Hostlists;

/// <summary>The pieces of hostlist parsing: splitting terms, expanding ranges and bracketed names.</summary>
internal static class HostlistSyntax
{
    private const int MaxNameLength = 64;
    private const int MaxDigits = 9;

    /// <summary>Splits at commas outside brackets; null (with the error) when brackets do not pair up.</summary>
    public static List<string>? SplitTerms(string text, out string? error)
    {
        error = null;
        var terms = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '[':
                    if (++depth > 1)
                    {
                        error = $"'{text}' nests brackets";
                        return null;
                    }

                    break;
                case ']':
                    if (--depth < 0)
                    {
                        error = $"'{text}' closes a bracket it did not open";
                        return null;
                    }

                    break;
                case ',' when depth == 0:
                    terms.Add(text[start..i]);
                    start = i + 1;
                    break;
            }
        }

        if (depth != 0)
        {
            error = $"'{text}' leaves a bracket open";
            return null;
        }

        terms.Add(text[start..]);
        return terms;
    }

    /// <summary><c>7</c> or <c>5-7</c>.</summary>
    public static bool IsNumericRange(string term)
    {
        var dash = term.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? IsDigits(term) : IsDigits(term[..dash]) && IsDigits(term[(dash + 1)..]);
    }

    /// <summary>
    /// Expands <c>01-04,07</c> into numbers with the width of their text (the lower bound's for a
    /// range); null with the error when malformed or longer than <paramref name="budget"/>.
    /// </summary>
    public static List<(long Value, int Width)>? ExpandRanges(string list, int budget, out string? error)
    {
        error = null;
        var result = new List<(long, int)>();
        foreach (var item in list.Split(','))
        {
            var dash = item.IndexOf('-', StringComparison.Ordinal);
            var lowText = dash < 0 ? item : item[..dash];
            var highText = dash < 0 ? item : item[(dash + 1)..];
            if (!IsDigits(lowText) || !IsDigits(highText) || lowText.Length > MaxDigits || highText.Length > MaxDigits)
            {
                error = item.Length == 0 ? "an empty range" : $"'{item}' is not a number or a range of numbers";
                return null;
            }

            var low = long.Parse(lowText, CultureInfo.InvariantCulture);
            var high = long.Parse(highText, CultureInfo.InvariantCulture);
            if (high < low)
            {
                error = $"range '{item}' runs backwards";
                return null;
            }

            if (result.Count + (high - low + 1) > budget)
            {
                error = $"expands to more than {Hostlist.MaxTargets} targets";
                return null;
            }

            for (var n = low; n <= high; n++)
            {
                result.Add((n, lowText.Length));
            }
        }

        return result;
    }

    /// <summary>Expands a name with bracketed ranges, first bracket outermost.</summary>
    public static List<string>? ExpandName(string term, int budget, out string? error)
    {
        error = null;
        var names = new List<string> { "" };
        var i = 0;
        while (i < term.Length)
        {
            if (term[i] == '[')
            {
                var close = term.IndexOf(']', i);
                var numbers = ExpandRanges(term[(i + 1)..close], budget, out error);
                if (numbers is null)
                {
                    error = $"'{term}': {error}";
                    return null;
                }

                if ((long)names.Count * numbers.Count > budget)
                {
                    error = $"'{term}' expands to more than {Hostlist.MaxTargets} targets";
                    return null;
                }

                names = [.. names.SelectMany(prefix => numbers.Select(n => prefix + n.Value.ToString(CultureInfo.InvariantCulture).PadLeft(n.Width, '0')))];
                i = close + 1;
                continue;
            }

            var literal = new StringBuilder();
            while (i < term.Length && term[i] != '[')
            {
                if (!IsNameChar(term[i]))
                {
                    error = $"'{term}' has '{term[i]}', which no host name has";
                    return null;
                }

                literal.Append(term[i++]);
            }

            names = [.. names.Select(prefix => prefix + literal)];
        }

        if (names.Count > budget)
        {
            error = $"expands to more than {Hostlist.MaxTargets} targets";
            return null;
        }

        var tooLong = names.FirstOrDefault(n => n.Length > MaxNameLength);
        if (tooLong is not null)
        {
            error = $"'{tooLong}' is longer than {MaxNameLength} characters";
            return null;
        }

        return names;
    }

    private static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
}
