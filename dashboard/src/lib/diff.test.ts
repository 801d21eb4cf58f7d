import { diffLines } from "./diff";

describe("diffLines", () => {
  it("marks added and removed lines and keeps the common ones", () => {
    const d = diffLines("a\nb\nc", "a\nc\nd");
    expect(d).toEqual([
      { kind: "same", text: "a" },
      { kind: "removed", text: "b" },
      { kind: "same", text: "c" },
      { kind: "added", text: "d" },
    ]);
  });

  it("finds nothing changed between equal texts", () => {
    expect(diffLines("x\ny", "x\ny").every((l) => l.kind === "same")).toBe(true);
  });
});
