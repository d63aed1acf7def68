import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BinaryEnvironment, findServerBinary, resolveSetting } from "../binary";

function env(overrides: Partial<BinaryEnvironment> & { files?: string[] }): BinaryEnvironment {
  const files = new Set(overrides.files ?? []);
  return {
    platform: "linux",
    pathVariable: "/usr/local/bin:/usr/bin",
    pathExt: undefined,
    homeDir: "/home/ana",
    workspaceFolder: "/home/ana/news",
    isExecutableFile: (p) => files.has(p),
    ...overrides,
  };
}

describe("findServerBinary", () => {
  const cases: Array<{ name: string; setting: string | undefined; env: BinaryEnvironment; expected: string | RegExp }> = [
    {
      name: "the setting wins over PATH",
      setting: "/opt/corroborate/bin/corroborate",
      env: env({ files: ["/opt/corroborate/bin/corroborate", "/usr/bin/corroborate"] }),
      expected: "/opt/corroborate/bin/corroborate",
    },
    {
      name: "an empty setting falls back to PATH, first folder first",
      setting: "",
      env: env({ files: ["/usr/local/bin/corroborate", "/usr/bin/corroborate"] }),
      expected: "/usr/local/bin/corroborate",
    },
    {
      name: "a blank setting is treated as empty",
      setting: "   ",
      env: env({ files: ["/usr/bin/corroborate"] }),
      expected: "/usr/bin/corroborate",
    },
    {
      name: "an unset setting falls back to PATH",
      setting: undefined,
      env: env({ files: ["/usr/bin/corroborate"] }),
      expected: "/usr/bin/corroborate",
    },
    {
      name: "~ expands to the home folder",
      setting: "~/.cargo/bin/corroborate",
      env: env({ files: ["/home/ana/.cargo/bin/corroborate"] }),
      expected: "/home/ana/.cargo/bin/corroborate",
    },
    {
      name: "a relative setting resolves against the workspace folder",
      setting: "target/debug/corroborate",
      env: env({ files: ["/home/ana/news/target/debug/corroborate"] }),
      expected: "/home/ana/news/target/debug/corroborate",
    },
    {
      name: "relative PATH entries are skipped (they depend on the editor's cwd)",
      setting: "",
      env: env({ pathVariable: "bin:/usr/bin", files: ["bin/corroborate", "/usr/bin/corroborate"] }),
      expected: "/usr/bin/corroborate",
    },
    {
      name: "on Windows PATHEXT endings are tried",
      setting: "",
      env: env({
        platform: "win32",
        pathVariable: "C:\\Windows;\"C:\\Users\\ana\\.cargo\\bin\"",
        pathExt: ".COM;.EXE",
        homeDir: "C:\\Users\\ana",
        files: ["C:\\Users\\ana\\.cargo\\bin\\corroborate.exe"],
      }),
      expected: "C:\\Users\\ana\\.cargo\\bin\\corroborate.exe",
    },
    {
      name: "a setting that points nowhere is an error naming the setting, not a silent fallback",
      setting: "/opt/missing/corroborate",
      env: env({ files: ["/usr/bin/corroborate"] }),
      expected: /corroborate\.server\.path.*"\/opt\/missing\/corroborate".*no executable file/,
    },
    {
      name: "nothing found: the message says what to install and which setting to set",
      setting: "",
      env: env({ files: [] }),
      expected: /not found on PATH.*cargo install.*corroborate\.server\.path.*Restart Server/,
    },
    {
      name: "a relative setting without a workspace folder asks for an absolute path",
      setting: "bin/corroborate",
      env: env({ workspaceFolder: undefined }),
      expected: /absolute path/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = findServerBinary(c.setting, c.env);
      if (typeof c.expected === "string") {
        assert.equal(result.found ? result.path : result.message, c.expected);
      } else {
        assert.equal(result.found, false, JSON.stringify(result));
        assert.match(result.found ? "" : result.message, c.expected);
      }
    });
  }

  it("reports where the binary came from", () => {
    const fromSetting = findServerBinary("/x/corroborate", env({ files: ["/x/corroborate"] }));
    const fromPath = findServerBinary("", env({ files: ["/usr/bin/corroborate"] }));
    assert.deepEqual([fromSetting.found && fromSetting.source, fromPath.found && fromPath.source], ["setting", "PATH"]);
  });
});

describe("resolveSetting", () => {
  it("normalises absolute paths", () => {
    assert.equal(resolveSetting("/opt/./x/../corroborate", env({})), "/opt/corroborate");
  });
});
