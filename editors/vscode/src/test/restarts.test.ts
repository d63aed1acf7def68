import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CrashCounter, MAX_RESTARTS, WINDOW_MS } from "../restarts";

describe("CrashCounter", () => {
  it(`restarts ${MAX_RESTARTS} times in a burst, then gives up`, () => {
    const counter = new CrashCounter();
    const answers = Array.from({ length: MAX_RESTARTS + 1 }, (_, i) => counter.allowRestart(1000 + i));
    assert.deepEqual(answers, [...Array(MAX_RESTARTS).fill(true), false]);
  });
  it("forgets crashes older than the window", () => {
    const counter = new CrashCounter();
    for (let i = 0; i < MAX_RESTARTS; i += 1) {
      counter.allowRestart(i);
    }
    assert.equal(counter.allowRestart(WINDOW_MS + MAX_RESTARTS), true);
  });
  it("tells the user what to do", () => {
    assert.match(new CrashCounter().giveUpMessage(), /will not be restarted.*Show Output.*Restart Server/);
  });
});
