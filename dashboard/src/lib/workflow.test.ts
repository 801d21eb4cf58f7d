import { addNode, connect, parseNative, removeNode, updateNode } from "./workflow";

const doc = parseNative(JSON.stringify({ description: "kept", nodes: [{ name: "a", command: ["true"] }, { name: "b", command: ["true"] }], edges: [{ from: "a", to: "b" }] }))!;

describe("workflow editing", () => {
  it("adds a node and refuses a second of the same name", () => {
    const next = addNode(doc, { name: "c", command: ["echo"] });
    expect(next.nodes.map((n) => n.name)).toEqual(["a", "b", "c"]);
    expect(next.description).toBe("kept");
    expect(() => addNode(next, { name: "c" })).toThrow(/already a node named c/);
  });

  it("removes a node with every edge that touches it", () => {
    const next = removeNode(doc, "a");
    expect(next.nodes.map((n) => n.name)).toEqual(["b"]);
    expect(next.edges).toEqual([]);
  });

  it("connects nodes but refuses a cycle, a self edge and a duplicate", () => {
    const c = addNode(doc, { name: "c" });
    expect(connect(c, { from: "b", to: "c" }).edges).toHaveLength(2);
    expect(() => connect(c, { from: "b", to: "a" })).toThrow(/cycle/);
    expect(() => connect(c, { from: "a", to: "a" })).toThrow(/itself/);
    expect(() => connect(c, { from: "a", to: "b" })).toThrow(/already/);
  });

  it("drops fields that are emptied instead of publishing empty values", () => {
    const withCpus = updateNode(doc, "a", { cpus: 4, memory: "1G" });
    expect(withCpus.nodes[0]).toMatchObject({ cpus: 4, memory: "1G" });
    const cleared = updateNode(withCpus, "a", { cpus: Number.NaN, memory: "" });
    expect(cleared.nodes[0]).toEqual({ name: "a", command: ["true"] });
  });

  it("does not take a Nodeworks file for a native one", () => {
    expect(parseNative("node x { }")).toBeNull();
  });
});
