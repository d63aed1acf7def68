import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { affectsWorkspaceDetection, corroborateWorkspaceReason } from "../workspace";

function probe(files: string[], dirs: string[]) {
  return { isFile: (p: string) => files.includes(p), isDirectory: (p: string) => dirs.includes(p) };
}

describe("corroborateWorkspaceReason", () => {
  const cases = [
    { name: "a corroborate.toml qualifies", files: ["/w/corroborate.toml"], dirs: [], expected: "config" },
    { name: "an articles/ folder qualifies", files: [], dirs: ["/w/articles"], expected: "articles" },
    { name: "both: the configuration is the reason", files: ["/w/corroborate.toml"], dirs: ["/w/articles"], expected: "config" },
    { name: "a file called articles does not qualify", files: ["/w/articles"], dirs: [], expected: undefined },
    { name: "a folder called corroborate.toml does not qualify", files: [], dirs: ["/w/corroborate.toml"], expected: undefined },
    { name: "an ordinary project does not qualify", files: ["/w/README.md"], dirs: ["/w/src"], expected: undefined },
    { name: "markers in a subfolder do not count", files: ["/w/sub/corroborate.toml"], dirs: ["/w/sub/articles"], expected: undefined },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(corroborateWorkspaceReason("/w", probe(c.files, c.dirs)), c.expected);
    });
  }
});

describe("affectsWorkspaceDetection", () => {
  const cases: Array<[string, boolean]> = [
    ["/w/corroborate.toml", true],
    ["/w/articles", true],
    ["/w/articles/a.txt", false],
    ["/w/notes.toml", false],
  ];
  for (const [path, expected] of cases) {
    it(`${path} → ${expected}`, () => assert.equal(affectsWorkspaceDetection(path), expected));
  }
});
