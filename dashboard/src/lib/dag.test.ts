import { layout } from "./dag";

describe("layout", () => {
  it("puts each node one layer right of its furthest upstream", () => {
    const placed = layout([{ name: "a" }, { name: "b" }, { name: "c" }, { name: "d" }], [
      { from: "a", to: "b" },
      { from: "b", to: "d" },
      { from: "a", to: "c" },
      { from: "c", to: "d" },
    ]);
    const layer = Object.fromEntries(placed.map((p) => [p.name, p.layer]));
    expect(layer).toEqual({ a: 0, b: 1, c: 1, d: 2 });
    expect(placed.filter((p) => p.layer === 1).map((p) => p.row)).toEqual([0, 1]);
  });

  it("ends on a cycle instead of looping", () => {
    expect(layout([{ name: "a" }, { name: "b" }], [{ from: "a", to: "b" }, { from: "b", to: "a" }])).toHaveLength(2);
  });
});
