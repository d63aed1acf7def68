/** package.json must agree with the code: every mapped setting is declared, with the server's default. */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { DEFAULT_DOCUMENT_SELECTOR } from "../selector";
import { SETTING_MAPPINGS } from "../settings";

interface Property {
  default?: unknown;
  markdownDescription?: string;
  description?: string;
}
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as {
  contributes: { configuration: { properties: Record<string, Property> }; commands: Array<{ command: string; title: string; category: string }> };
  activationEvents: string[];
  main: string;
};
const properties = manifest.contributes.configuration.properties;

/** The defaults of `Config::default()` in src/config.rs. */
const SERVER_DEFAULTS: Record<string, unknown> = {
  paths: [],
  exclude: [],
  maxFileSize: 2097152,
  outlets: {},
  outletAliases: {},
  "tolerances.about": 0.1,
  "tolerances.nearly": 0.1,
  people: [],
  ignore: [],
  "lsp.inlayHints": true,
};

describe("package.json", () => {
  for (const mapping of SETTING_MAPPINGS) {
    it(`declares corroborate.${mapping.setting} with the server's default and a description`, () => {
      const property = properties[`corroborate.${mapping.setting}`];
      assert.ok(property, "missing from contributes.configuration");
      assert.deepEqual(property.default, SERVER_DEFAULTS[mapping.setting]);
      const description = property.markdownDescription ?? property.description ?? "";
      assert.match(description, new RegExp(`\`${mapping.server.join(".")}\`|\\[${mapping.server[0]}\\]|\\[\\[${mapping.server[0]}\\]\\]`));
    });
  }
  it("declares the server path and the document selector with its default", () => {
    assert.equal(properties["corroborate.server.path"]?.default, "");
    assert.deepEqual(properties["corroborate.documentSelector"]?.default, DEFAULT_DOCUMENT_SELECTOR);
  });
  it("contributes the two commands", () => {
    assert.deepEqual(
      manifest.contributes.commands.map((c) => `${c.category}: ${c.title}`),
      ["Corroborate: Restart Server", "Corroborate: Show Output"],
    );
  });
  it("activates in corroborate workspaces (and on articles, to notice a workspace created later)", () => {
    assert.deepEqual(manifest.activationEvents, [
      "workspaceContains:corroborate.toml",
      "workspaceContains:articles/**",
      "onLanguage:plaintext",
      "onLanguage:markdown",
    ]);
    assert.equal(manifest.main, "./out/extension.js");
  });
});
