import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SETTING_MAPPINGS, serverConfigFromSettings } from "../settings";

const reader = (values: Record<string, unknown>) => (key: string) => values[key];

describe("serverConfigFromSettings", () => {
  it("nothing set → an empty object (the server and corroborate.toml decide)", () => {
    assert.deepEqual(serverConfigFromSettings(reader({})), { config: {}, warnings: [] });
  });

  it("maps every setting to the corroborate.toml key", () => {
    const { config, warnings } = serverConfigFromSettings(
      reader({
        paths: ["articles"],
        exclude: ["drafts/**"],
        maxFileSize: 1048576,
        outlets: { "articles/herald-*": "The Valley Herald" },
        outletAliases: { VH: "The Valley Herald" },
        "tolerances.about": 0.05,
        "tolerances.nearly": 0.2,
        people: [{ name: "Ana María Ruiz", aliases: ["Mayor Ruiz"], description: "Mayor of Puerto Claro" }],
        ignore: [{ subject: "killed", story: "s1" }, { subject: "injured" }],
        "lsp.inlayHints": false,
      }),
    );
    assert.deepEqual(warnings, []);
    assert.deepEqual(config, {
      paths: ["articles"],
      exclude: ["drafts/**"],
      max_file_size: 1048576,
      outlets: { "articles/herald-*": "The Valley Herald" },
      outlet_aliases: { VH: "The Valley Herald" },
      tolerances: { about: 0.05, nearly: 0.2 },
      people: [{ name: "Ana María Ruiz", aliases: ["Mayor Ruiz"], description: "Mayor of Puerto Claro" }],
      ignore: [{ subject: "killed", story: "s1" }, { subject: "injured" }],
      lsp: { inlay_hints: false },
    });
  });

  it("one tolerance set → only that key in its table", () => {
    assert.deepEqual(serverConfigFromSettings(reader({ "tolerances.nearly": 0.15 })).config, { tolerances: { nearly: 0.15 } });
  });

  const invalid: Array<[string, unknown, RegExp]> = [
    ["paths", "articles", /corroborate\.paths ignored: expected a list of strings/],
    ["exclude", [1], /corroborate\.exclude ignored/],
    ["maxFileSize", -1, /corroborate\.maxFileSize ignored: expected a whole number/],
    ["maxFileSize", 1.5, /corroborate\.maxFileSize ignored/],
    ["outlets", ["x"], /corroborate\.outlets ignored: expected an object mapping strings/],
    ["outletAliases", { VH: 3 }, /corroborate\.outletAliases ignored/],
    ["tolerances.about", 10, /corroborate\.tolerances\.about ignored: expected a fraction/],
    ["tolerances.nearly", Number.NaN, /corroborate\.tolerances\.nearly ignored/],
    ["people", [{ aliases: ["x"] }], /corroborate\.people ignored: expected a list of \{ "name"/],
    ["people", [{ name: "A", role: "x" }], /corroborate\.people ignored/],
    ["people", [{ name: "A", aliases: "B" }], /corroborate\.people ignored/],
    ["ignore", [{ story: "s1" }], /corroborate\.ignore ignored: expected a list of \{ "subject"/],
    ["ignore", [{ subject: "killed", story: 2 }], /corroborate\.ignore ignored/],
    ["lsp.inlayHints", "yes", /corroborate\.lsp\.inlayHints ignored: expected true or false/],
  ];
  for (const [key, value, warning] of invalid) {
    it(`drops ${key} = ${JSON.stringify(value)} with a warning, keeps the rest`, () => {
      const { config, warnings } = serverConfigFromSettings(reader({ [key]: value, "lsp.inlayHints": key === "lsp.inlayHints" ? value : true }));
      assert.match(warnings.join("\n"), warning);
      const expected = key === "lsp.inlayHints" ? {} : { lsp: { inlay_hints: true } };
      assert.deepEqual(config, expected);
    });
  }

  it("the mapping covers every top-level key of corroborate.toml", () => {
    const topKeys = new Set(SETTING_MAPPINGS.map((m) => m.server[0]));
    assert.deepEqual([...topKeys].sort(), ["exclude", "ignore", "lsp", "max_file_size", "outlet_aliases", "outlets", "paths", "people", "tolerances"]);
  });
});
