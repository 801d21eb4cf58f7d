using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace Cyclone.Tasks.Files;

/// <summary>
/// Task parameters written as XML. The root element (any name, <c>&lt;task&gt;</c> by custom) holds one element per
/// parameter, named after it, or <c>&lt;param name="NAME"&gt;</c>. A parameter's text is typed as on the command line:
/// <c>12</c>, <c>2.5</c>, <c>true</c> and <c>null</c> keep their type, anything else is a string, and
/// <c>type="string"</c> keeps it a string. An element with child elements is a list when its children are all
/// <c>&lt;item&gt;</c>, or when a name repeats; otherwise an object. A parameter given twice at the top is an error.
/// DTDs and entities are refused.
/// </summary>
public static class XmlTaskFile
{
    private const int MaxDepth = 32;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        MaxCharactersInDocument = TaskFile.MaxBytes,
    };

    /// <exception cref="TaskFileException">Not well-formed XML, or a parameter named twice or without a name.</exception>
    public static JsonObject Parse(string text, string source)
    {
        XElement root;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), Settings);
            root = XDocument.Load(reader, LoadOptions.SetLineInfo).Root
                ?? throw new TaskFileException($"{source}: the XML has no root element");
        }
        catch (XmlException ex)
        {
            throw new TaskFileException($"{source}: not well-formed XML (line {ex.LineNumber}, position {ex.LinePosition}): {ex.Message}", ex);
        }

        var parameters = new JsonObject();
        foreach (var element in root.Elements())
        {
            var name = NameOf(element, source);
            if (parameters.ContainsKey(name))
            {
                throw new TaskFileException($"{source}:{Line(element)}: parameter '{name}' is given twice");
            }

            parameters[name] = Value(element, source, 1);
        }

        return parameters;
    }

    private static string NameOf(XElement element, string source)
    {
        if (element.Name.LocalName != "param")
        {
            return element.Name.LocalName;
        }

        return element.Attribute("name")?.Value is { Length: > 0 } name
            ? name
            : throw new TaskFileException($"{source}:{Line(element)}: <param> needs a name attribute");
    }

    private static JsonNode? Value(XElement element, string source, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new TaskFileException($"{source}:{Line(element)}: parameters nest deeper than {MaxDepth} levels");
        }

        var children = element.Elements().ToList();
        if (children.Count == 0)
        {
            return element.Attribute("type")?.Value == "string" ? JsonValue.Create(element.Value) : Scalar(element.Value.Trim());
        }

        var names = children.Select(c => c.Name.LocalName).ToList();
        if (names.All(n => n == "item") || names.Distinct(StringComparer.Ordinal).Count() < names.Count)
        {
            return new JsonArray([.. children.Select(c => Value(c, source, depth + 1))]);
        }

        var obj = new JsonObject();
        foreach (var child in children)
        {
            obj[NameOf(child, source)] = Value(child, source, depth + 1);
        }

        return obj;
    }

    private static JsonValue? Scalar(string text)
    {
        if (text is "true" or "false")
        {
            return JsonValue.Create(text == "true");
        }

        if (text == "null")
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(text);
    }

    private static int Line(XElement element) => ((IXmlLineInfo)element).LineNumber;
}
