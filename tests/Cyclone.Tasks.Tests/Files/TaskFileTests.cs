using System.Text.Json.Nodes;
using Cyclone.Tasks.Files;

namespace Cyclone.Tasks.Tests.Files;

public sealed class TaskFileTests
{
    private static string Json(JsonObject parameters) => parameters.ToJsonString();

    [Fact]
    public void A_json_task_file_is_its_object()
    {
        Assert.Equal("""{"ost":12,"dry_run":true}""", Json(TaskFile.Parse("""{"ost": 12, "dry_run": true}""", "f.json")));
    }

    [Fact]
    public void Xml_parameters_are_elements_named_after_them_or_params_with_a_name_and_their_text_is_typed()
    {
        const string Xml = """
            <?xml version="1.0"?>
            <task>
              <!-- the OSTs to empty -->
              <osts>0-15,20</osts>
              <param name="max_files">500</param>
              <ratio>2.5</ratio>
              <dry_run>true</dry_run>
              <label type="string">12</label>
              <target> /lustre/scratch </target>
              <nothing>null</nothing>
            </task>
            """;
        Assert.Equal(
            """{"osts":"0-15,20","max_files":500,"ratio":2.5,"dry_run":true,"label":"12","target":"/lustre/scratch","nothing":null}""",
            Json(TaskFile.Parse(Xml, "f.xml")));
    }

    [Fact]
    public void Xml_items_and_repeated_names_are_lists_and_other_children_are_objects()
    {
        const string Xml = """
            <parameters>
              <paths><item>/a</item><item>/b</item></paths>
              <osts><ost>1</ost><ost>2</ost></osts>
              <limits><files>10</files><bytes>4096</bytes></limits>
            </parameters>
            """;
        Assert.Equal(
            """{"paths":["/a","/b"],"osts":[1,2],"limits":{"files":10,"bytes":4096}}""",
            Json(TaskFile.Parse(Xml, "f.xml")));
    }

    [Theory]
    [InlineData("<task><ost>1</ost><ost>2</ost></task>", "f.xml:1: parameter 'ost' is given twice")]
    [InlineData("<task>\n<param>1</param></task>", "f.xml:2: <param> needs a name attribute")]
    [InlineData("<task><ost>1</task>", "f.xml: not well-formed XML (line 1")]
    [InlineData("<!DOCTYPE t [<!ENTITY x \"y\">]><task><a>&x;</a></task>", "f.xml: not well-formed XML")]
    [InlineData("[1, 2]", "f.xml: the file must hold a JSON object of parameters")]
    [InlineData("{\"ost\": }", "f.xml: not valid JSON (line 1")]
    public void A_file_that_is_no_task_file_is_refused_with_where_it_is_wrong(string text, string message)
    {
        var error = Assert.Throws<TaskFileException>(() => TaskFile.Parse(text, "f.xml"));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_a_missing_file_names_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cyclone-no-such-{Guid.NewGuid():N}.xml");
        var error = Assert.Throws<TaskFileException>(() => TaskFile.Read(path));
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_a_file_gives_the_same_parameters_as_its_text()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cyclone-task-{Guid.NewGuid():N}.xml");
        File.WriteAllText(path, "<task><ost>7</ost></task>");
        try
        {
            Assert.Equal("""{"ost":7}""", Json(TaskFile.Read(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
