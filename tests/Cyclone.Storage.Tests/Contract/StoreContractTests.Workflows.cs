using System.Text;
using Cyclone.Storage.Contract;

namespace Cyclone.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    [StoreFact]
    public async Task Workflow_changes_are_kept_in_order_with_their_files_and_read_after_a_sequence_number()
    {
        var store = await OpenAsync();
        var publish = new WorkflowChangeRecord(0, "wf", "publish", "nodeworks", Encoding.UTF8.GetBytes("{\"nodes\": []}\n\u00e9"), "alice",
            "first\n\nCyclone-Workflow: wf\nCyclone-Action: publish\n", Jobs.T0, "1111111111111111111111111111111111111111");
        var first = await store.AppendWorkflowChangeAsync(publish, Ct);
        var second = await store.AppendWorkflowChangeAsync(publish with { Action = "delete", Format = "", Content = [], Commit = new string('2', 40) }, Ct);
        store = await ReopenAsync(store);

        var all = await store.ReadWorkflowChangesAsync(0, 10, Ct);
        Assert.True(first < second);
        Assert.Equal([first, second], all.Select(c => c.Seq));
        Assert.Equal(publish with { Seq = first }, all[0] with { Content = publish.Content });
        Assert.Equal(publish.Content, all[0].Content);
        Assert.Equal(("delete", "", 0), (all[1].Action, all[1].Format, all[1].Content.Length));
        Assert.Equal([second], (await store.ReadWorkflowChangesAsync(first, 10, Ct)).Select(c => c.Seq));
        Assert.Single(await store.ReadWorkflowChangesAsync(0, 1, Ct));
    }
}
