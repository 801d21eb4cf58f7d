import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { StateBadge } from "./StateBadge";
import { VirtualTable } from "./VirtualTable";
import { DagGraph } from "./DagGraph";
import { ThroughputChart } from "./ThroughputChart";
import type { Pulse } from "../lib/types";

afterEach(() => document.body.replaceChildren());

describe("StateBadge", () => {
  it("shows the state as text, not only as colour", () => {
    render(<StateBadge state="FAILED" />);
    expect(screen.getByText("FAILED", { exact: false }).getAttribute("data-state")).toBe("FAILED");
  });
});

describe("VirtualTable", () => {
  const rows = Array.from({ length: 100_000 }, (_, i) => ({ id: i, name: `job ${i}` }));
  type Row = { id: number; name: string };
  const columns = [
    { key: "id", header: "Id", render: (r: Row) => r.id },
    { key: "name", header: "Name", render: (r: Row) => r.name },
  ];

  it("renders only the rows in view, however many there are", () => {
    render(<VirtualTable label="Jobs" rows={rows} columns={columns} rowKey={(r) => r.id} height={340} rowHeight={34} />);
    const shown = document.querySelectorAll("[data-row-index]");
    expect(shown.length).toBeLessThan(40);
    expect(screen.getByText("job 0")).toBeTruthy();
    expect(screen.queryByText("job 5000")).toBeNull();
  });

  it("opens a row with Enter and moves between rows with the arrow keys", () => {
    const opened: number[] = [];
    render(<VirtualTable label="Jobs" rows={rows.slice(0, 5)} columns={columns} rowKey={(r) => r.id} onOpen={(r) => opened.push(r.id)} />);
    const second = document.querySelector('[data-row-index="1"]') as HTMLElement;
    fireEvent.keyDown(second, { key: "Enter" });
    expect(opened).toEqual([1]);
    fireEvent.click(screen.getByText("job 3"));
    expect(opened).toEqual([1, 3]);
  });

  it("moves the focus to the last of 100,000 rows with End, rendering it first", async () => {
    render(<VirtualTable label="Jobs" rows={rows} columns={columns} rowKey={(r) => r.id} height={340} rowHeight={34} />);
    fireEvent.keyDown(document.querySelector('[data-row-index="0"]') as HTMLElement, { key: "End" });
    await waitFor(() => expect(document.activeElement?.getAttribute("data-row-index")).toBe("99999"));
    expect(document.querySelectorAll("[data-row-index]").length).toBeLessThan(40);
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: "Home" });
    await waitFor(() => expect(document.activeElement?.getAttribute("data-row-index")).toBe("0"));
  });

  it("asks the server to sort when a sortable header is pressed", () => {
    const sorts: string[] = [];
    render(<VirtualTable label="Jobs" rows={[] as Row[]} columns={[{ ...columns[0], sortKey: "id" }]} rowKey={(r) => r.id} sort={{ key: "id", order: "desc" }} onSort={(k) => sorts.push(k)} />);
    fireEvent.click(screen.getByRole("button", { name: /Id/ }));
    expect(sorts).toEqual(["id"]);
    expect(screen.getByRole("columnheader").getAttribute("aria-sort")).toBe("descending");
  });
});

describe("DagGraph", () => {
  it("labels each node with its state in text and lets the keyboard select it", () => {
    const chosen: string[] = [];
    render(
      <DagGraph
        nodes={[{ name: "a" }, { name: "b" }]}
        edges={[{ from: "a", to: "b" }]}
        states={{ a: "COMPLETED", b: "RUNNING" }}
        onSelect={(n) => chosen.push(n)}
      />,
    );
    expect(screen.getByText("COMPLETED")).toBeTruthy();
    const b = screen.getByRole("button", { name: "node b, RUNNING" });
    fireEvent.keyDown(b, { key: "Enter" });
    expect(chosen).toEqual(["b"]);
    expect(document.querySelectorAll("path.edge")).toHaveLength(1);
  });
});

describe("ThroughputChart", () => {
  it("shows the latest completion rate per second", () => {
    const pulse = (completed: number): Pulse => ({
      seq: 1, at: "", intervalMs: 500, agentsUp: 1, agentsDraining: 0, agentsDown: 0, slotsBusy: 0, slotsTotal: 1,
      readyTasks: 0, activeTasks: 0, completed, failed: 0, transitions: completed, agentsVersion: "",
    });
    render(<ThroughputChart pulses={[pulse(1), pulse(5)]} />);
    expect(screen.getByTestId("throughput-now").textContent).toBe("10.0");
  });
});
