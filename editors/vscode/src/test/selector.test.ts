import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_DOCUMENT_SELECTOR, parseDocumentSelector, scopeToFolder } from "../selector";

describe("parseDocumentSelector", () => {
  it("unset → plain text and Markdown files", () => {
    assert.deepEqual(parseDocumentSelector(undefined), { filters: [...DEFAULT_DOCUMENT_SELECTOR], warnings: [] });
  });
  it("keeps valid filters and trims them", () => {
    const parsed = parseDocumentSelector([{ language: " markdown " }, { pattern: "articles/**/*.txt", scheme: "file" }]);
    assert.deepEqual(parsed.filters, [{ language: "markdown" }, { pattern: "articles/**/*.txt", scheme: "file" }]);
    assert.deepEqual(parsed.warnings, []);
  });
  it("a bare string is a language id", () => {
    assert.deepEqual(parseDocumentSelector(["restructuredtext"]).filters, [{ language: "restructuredtext" }]);
  });
  const invalid: Array<[string, unknown, RegExp]> = [
    ["unknown key", [{ lang: "markdown" }, { language: "plaintext" }], /\[0\] ignored: unknown key "lang"/],
    ["non-string value", [{ language: 3 }, { language: "plaintext" }], /\[0\] ignored: "language" must be a non-empty string/],
    ["scheme alone matches everything", [{ scheme: "file" }, { language: "plaintext" }], /\[0\] ignored: a filter needs a language or a pattern/],
    ["not an object", [null, { language: "plaintext" }], /\[0\] ignored: expected an object/],
  ];
  for (const [name, raw, warning] of invalid) {
    it(`drops an invalid entry with a warning: ${name}`, () => {
      const parsed = parseDocumentSelector(raw);
      assert.deepEqual(parsed.filters, [{ language: "plaintext" }]);
      assert.match(parsed.warnings.join("\n"), warning);
    });
  }
  const fallbacks: Array<[string, unknown]> = [
    ["not a list", { language: "markdown" }],
    ["empty list", []],
    ["only invalid entries", [{ nope: 1 }]],
  ];
  for (const [name, raw] of fallbacks) {
    it(`falls back to the default with a warning: ${name}`, () => {
      const parsed = parseDocumentSelector(raw);
      assert.deepEqual(parsed.filters, [...DEFAULT_DOCUMENT_SELECTOR]);
      assert.ok(parsed.warnings.some((w) => /using the default/.test(w)), parsed.warnings.join("\n"));
    });
  }
});

describe("scopeToFolder", () => {
  it("filters without a pattern cover the whole folder, on disk", () => {
    assert.deepEqual(scopeToFolder(DEFAULT_DOCUMENT_SELECTOR), [
      { scheme: "file", language: "plaintext", pattern: "**/*" },
      { scheme: "file", language: "markdown", pattern: "**/*" },
    ]);
  });
  it("patterns become folder-relative, backslashes and leading ./ or / removed", () => {
    assert.deepEqual(
      scopeToFolder([{ pattern: "./articles/**/*.txt" }, { pattern: "/drafts\\*.md", scheme: "untitled", language: "markdown" }]),
      [
        { scheme: "file", pattern: "articles/**/*.txt" },
        { scheme: "untitled", pattern: "drafts/*.md", language: "markdown" },
      ],
    );
  });
});
