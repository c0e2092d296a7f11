using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NetralBot.Core.Knowledge.Loading;

/// <summary>
/// Finds YAML nested deeper than any dialogs file needs, before the representation model is built: YamlDotNet
/// builds nodes recursively, so a file nested tens of thousands of levels overflows the stack and the process
/// aborts (no exception can be caught). The parser itself keeps its own stack, so walking its events is safe.
/// </summary>
internal static class YamlDepth
{
    /// <summary>Deepest nesting of lists and sections allowed; the dialogs files use fewer than ten.</summary>
    public const int Max = 64;

    /// <summary>The line where the nesting first goes deeper than <see cref="Max"/>, or null if it never does.</summary>
    public static int? FirstTooDeepLine(string text)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case MappingStart or SequenceStart:
                        if (++depth > Max)
                        {
                            return (int)parser.Current.Start.Line;
                        }
                        break;
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                }
            }
        }
        catch (YamlException)
        {
            // Not valid YAML before it got too deep: the full parse reports where.
        }
        catch (InvalidOperationException)
        {
        }
        return null;
    }
}
