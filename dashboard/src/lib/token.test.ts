import { getToken, takeTokenFromUrl } from "./token";

describe("takeTokenFromUrl", () => {
  beforeEach(() => localStorage.clear());

  it("stores the token from the link and removes it from the address", () => {
    window.history.replaceState(null, "", "/jobs?state=FAILED#token=cyc_abc%2Bdef");
    expect(takeTokenFromUrl()).toBe(true);
    expect(getToken()).toBe("cyc_abc+def");
    expect(window.location.hash).toBe("");
    expect(window.location.pathname + window.location.search).toBe("/jobs?state=FAILED");
  });

  it("leaves everything alone without a token in the link", () => {
    window.history.replaceState(null, "", "/#section");
    expect(takeTokenFromUrl()).toBe(false);
    expect(getToken()).toBeNull();
  });
});
