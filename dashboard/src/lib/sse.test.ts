import { parseSse } from "./sse";

describe("parseSse", () => {
  it("reads complete events and keeps the incomplete rest for the next chunk", () => {
    const first = parseSse('event: hello\ndata: {"seq":1}\n\nevent: pulse\ndata: {"se');
    expect(first.events).toEqual([{ event: "hello", data: '{"seq":1}' }]);
    const second = parseSse(first.rest + 'q":2}\n\n');
    expect(second.events).toEqual([{ event: "pulse", data: '{"seq":2}' }]);
    expect(second.rest).toBe("");
  });

  it("joins data lines, ignores comments, and names unnamed events message", () => {
    const { events } = parseSse(": keep-alive\n\ndata: a\ndata: b\n\r\n");
    expect(events).toEqual([{ event: "message", data: "a\nb" }]);
  });

  it("accepts CRLF line ends", () => {
    expect(parseSse("event: jobs\r\ndata: {}\r\n\r\n").events).toEqual([{ event: "jobs", data: "{}" }]);
  });
});
