using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NetralBot.Core.Knowledge.Loading;

/// <summary>
/// Reads values out of a YAML document while collecting errors with their line, so one pass reports every
/// problem of a file instead of stopping at the first.
/// </summary>
internal sealed class YamlReader(string file, List<DialogError> errors)
{
    public string File => file;

    public YamlMappingNode? ParseRoot(string text)
    {
        if (YamlDepth.FirstTooDeepLine(text) is { } deepLine)
        {
            errors.Add(new DialogError(file, deepLine, $"nested more than {YamlDepth.Max} levels deep; no dialogs file needs that (an unclosed bracket, or not a dialogs file?)"));
            return null;
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException?.Message ?? ex.Message;
            errors.Add(new DialogError(file, (int)ex.Start.Line, $"not valid YAML: {Clean(message)}"));
            return null;
        }
        catch (InvalidOperationException)
        {
            // The representation model sometimes fails without a position; the parser alone gives one.
            errors.Add(LocateSyntaxError(text));
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.Add(new DialogError(file, 1, "expected a mapping (key: value lines) at the top of the file"));
            return null;
        }
        return root;
    }

    private DialogError LocateSyntaxError(string text)
    {
        var parser = new Parser(new StringReader(text));
        var lastLine = 1L;
        try
        {
            while (parser.MoveNext())
            {
                lastLine = parser.Current?.End.Line ?? lastLine;
            }
        }
        catch (YamlException ex)
        {
            return new DialogError(file, (int)ex.Start.Line, $"not valid YAML: {Clean(ex.Message)}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner can fail without a position (e.g. an unclosed '['): name where parsing stopped.
            return new DialogError(file, (int)lastLine, "not valid YAML: the text cannot be read from about this line on (an unclosed bracket or quote?)");
        }
        return new DialogError(file, 0, "not valid YAML");
    }

    public void Error(YamlNode node, string message) => errors.Add(new DialogError(file, Line(node), message));

    public static int Line(YamlNode node) => (int)node.Start.Line;

    public YamlNode? Get(YamlMappingNode map, string key)
    {
        return map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;
    }

    public string? String(YamlMappingNode map, string key, bool required)
    {
        var node = Get(map, key);
        if (node is null)
        {
            if (required)
            {
                Error(map, $"missing field '{key}'");
            }
            return null;
        }
        if (node is not YamlScalarNode scalar)
        {
            Error(node, $"'{key}' must be a text value");
            return null;
        }
        var value = scalar.Value?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                Error(node, $"'{key}' is empty");
            }
            return null;
        }
        return value;
    }

    public IReadOnlyList<string> StringList(YamlMappingNode map, string key, int minimum)
    {
        var node = Get(map, key);
        if (node is null)
        {
            if (minimum > 0)
            {
                Error(map, $"missing field '{key}' (a list of at least {minimum})");
            }
            return [];
        }
        if (node is not YamlSequenceNode sequence)
        {
            Error(node, $"'{key}' must be a list (lines starting with '- ' or [a, b])");
            return [];
        }
        var items = new List<string>();
        foreach (var item in sequence)
        {
            if (item is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value))
            {
                items.Add(value.Trim());
            }
            else
            {
                Error(item, $"every item of '{key}' must be a non-empty text");
            }
        }
        if (items.Count < minimum)
        {
            Error(node, $"'{key}' needs at least {minimum} item(s), found {items.Count}");
        }
        return items;
    }

    public YamlMappingNode? Map(YamlMappingNode map, string key, bool required)
    {
        var node = Get(map, key);
        if (node is null)
        {
            if (required)
            {
                Error(map, $"missing section '{key}'");
            }
            return null;
        }
        if (node is not YamlMappingNode child)
        {
            Error(node, $"'{key}' must be a section of key: value lines");
            return null;
        }
        return child;
    }

    public void RejectUnknownKeys(YamlMappingNode map, IReadOnlySet<string> allowed, string where)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "?";
            if (!allowed.Contains(name))
            {
                Error(key, $"unknown field '{name}' in {where} (allowed: {string.Join(", ", allowed.Order(StringComparer.Ordinal))})");
            }
        }
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes its messages with the position, which we already print.
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && close > 0 ? message[(close + 3)..] : message;
    }
}
