import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { vi } from "vitest";
import { Jobs } from "./Jobs";
import { nextSort, sortOf } from "../lib/jobSort";

let paths: string[] = [];

beforeEach(() => {
  paths = [];
  window.history.replaceState(null, "", "/jobs?state=PENDING");
  vi.stubGlobal("fetch", async (path: string) => {
    paths.push(path);
    return new Response(JSON.stringify({ items: [], total: 0, offset: 0, limit: 100 }), { status: 200, headers: { "Content-Type": "application/json" } });
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

const header = (name: string) => screen.getAllByRole("columnheader").find((h) => h.textContent?.startsWith(name))!;

describe("Jobs page sorting", () => {
  it("sorts by a pressed header on the server, turns it around when pressed again, and keeps it in the address", async () => {
    render(<Jobs />);
    await waitFor(() => expect(paths.some((p) => p.includes("sort=id&order=desc"))).toBe(true));
    expect(header("Job").getAttribute("aria-sort")).toBe("descending");
    expect(header("Name").getAttribute("aria-sort")).toBe("none");

    const name = screen.getByRole("button", { name: /^Name/ });
    expect(name.tagName).toBe("BUTTON"); // a real button: reached with Tab, pressed with Enter or Space
    fireEvent.click(name);
    await waitFor(() => expect(paths.at(-1)).toContain("sort=name&order=asc"));
    expect(paths.at(-1)).toContain("state=PENDING");
    expect(new URLSearchParams(window.location.search).get("sort")).toBe("name");
    expect(new URLSearchParams(window.location.search).get("order")).toBe("asc");
    expect(header("Name").getAttribute("aria-sort")).toBe("ascending");
    expect(header("Job").getAttribute("aria-sort")).toBe("none");

    fireEvent.click(screen.getByRole("button", { name: /^Name/ }));
    await waitFor(() => expect(paths.at(-1)).toContain("sort=name&order=desc"));
    expect(header("Name").getAttribute("aria-sort")).toBe("descending");

    fireEvent.click(screen.getByRole("button", { name: /^Started/ }));
    await waitFor(() => expect(paths.at(-1)).toContain("sort=started&order=desc"));
  });

  it("reads a shared address, old id-asc links included, and falls back to newest first for an unknown key", () => {
    expect(sortOf(new URLSearchParams("sort=ended&order=asc"))).toEqual({ key: "ended", order: "asc" });
    expect(sortOf(new URLSearchParams("sort=id-asc"))).toEqual({ key: "id", order: "asc" });
    expect(sortOf(new URLSearchParams("sort=bogus&order=sideways"))).toEqual({ key: "id", order: "desc" });
    expect(nextSort({ key: "id", order: "desc" }, "user")).toEqual({ key: "user", order: "asc" });
  });
});
