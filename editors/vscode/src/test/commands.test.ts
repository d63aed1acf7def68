import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { asLocationList, chooseClientKey } from "../commands";

describe("chooseClientKey", () => {
  const cases: Array<[string, string | undefined, string[], string | undefined]> = [
    ["the active editor's folder", "file:///b", ["file:///a", "file:///b"], "file:///b"],
    ["the only server when no editor is active", undefined, ["file:///a"], "file:///a"],
    ["the only server when the editor is in another folder", "file:///c", ["file:///a"], "file:///a"],
    ["nothing when several servers and no active folder", undefined, ["file:///a", "file:///b"], undefined],
    ["nothing when several servers and the editor is elsewhere", "file:///c", ["file:///a", "file:///b"], undefined],
    ["nothing when no server runs", "file:///a", [], undefined],
  ];
  for (const [name, active, keys, expected] of cases) {
    it(name, () => assert.equal(chooseClientKey(active, keys), expected));
  }
});

describe("asLocationList", () => {
  const location = { uri: "file:///w/a.txt", range: { start: { line: 1, character: 2 }, end: { line: 1, character: 9 } } };
  it("accepts a list of locations", () => assert.deepEqual(asLocationList([location, location]), [location, location]));
  it("accepts an empty list", () => assert.deepEqual(asLocationList([]), []));
  const others: Array<[string, unknown]> = [
    ["null", null],
    ["an object", location],
    ["a list with a non-location", [location, { uri: "x" }]],
    ["a range without numbers", [{ uri: "x", range: { start: { line: "1", character: 0 }, end: { line: 1, character: 0 } } }]],
  ];
  for (const [name, value] of others) {
    it(`refuses ${name}`, () => assert.equal(asLocationList(value), undefined));
  }
});
