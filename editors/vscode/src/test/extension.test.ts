/**
 * The extension's glue, run outside VS Code: `activate()` with a stand-in `vscode` module
 * (vscodeStub.ts) and the real vscode-languageclient, against tests/editors/fake_server.py,
 * which logs what it receives. Checks the command line, the initializationOptions, the
 * workspace folder, shutdown on deactivate, and the missing-binary message.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { changeSettings, folder, installVscodeStub, state } from "../testSupport/vscodeStub";

installVscodeStub();
// Loaded after the stub so that its `require("vscode")` gets the stand-in.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const extension = require("../extension") as typeof import("../extension");

const FAKE_SERVER = path.resolve(__dirname, "..", "..", "..", "..", "tests", "editors", "fake_server.py");
const hasPython = spawnSync("python3", ["--version"]).status === 0 && fs.existsSync(FAKE_SERVER);

interface Logged {
  pid: number;
  argv: string[];
  message: { method?: string; params?: Record<string, unknown> };
}

function readLog(file: string): Logged[] {
  if (!fs.existsSync(file)) {
    return [];
  }
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Logged);
}

async function waitFor<T>(what: string, probe: () => T | undefined, ms = 15000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}; extension log:\n${state.log.join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function context(): { subscriptions: Array<{ dispose(): unknown }> } {
  return { subscriptions: [] };
}

describe("activate() with a stand-in VS Code", { skip: hasPython ? false : "python3 or tests/editors/fake_server.py missing" }, () => {
  let dir = "";
  let logFile = "";
  let server = "";

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-ext-"));
    logFile = path.join(dir, "server.log");
    server = path.join(dir, "corroborate");
    fs.writeFileSync(server, `#!/bin/sh\nexec python3 "${FAKE_SERVER}" "$@"\n`, { mode: 0o755 });
    process.env["FAKE_LSP_LOG"] = logFile;
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("starts `corroborate lsp --stdio` with the settings as initializationOptions, sends changes, restarts, shuts down", async () => {
    const workspace = path.join(dir, "news");
    fs.mkdirSync(workspace);
    fs.writeFileSync(path.join(workspace, "corroborate.toml"), 'paths = ["articles"]\n');
    state.folders = [folder(workspace)];
    state.settings = {
      "server.path": server,
      "tolerances.about": 0.05,
      people: [{ name: "Marta Quillon", description: "Fire chief of Port Alder" }],
    };
    const ctx = context();
    extension.activate(ctx as never);

    const init = await waitFor("initialize", () => readLog(logFile).find((entry) => entry.message.method === "initialize"));
    assert.deepEqual(init.argv, ["lsp", "--stdio"]);
    const params = init.message.params ?? {};
    assert.deepEqual(params["initializationOptions"], {
      tolerances: { about: 0.05 },
      people: [{ name: "Marta Quillon", description: "Fire chief of Port Alder" }],
    });
    assert.deepEqual(
      (params["workspaceFolders"] as Array<{ uri: string }>).map((f) => f.uri),
      [folder(workspace).uri.toString()],
    );
    assert.deepEqual([...state.commands.keys()].sort(), ["corroborate.restartServer", "corroborate.showOutput"]);

    // A changed server setting is sent at once, without a restart.
    changeSettings({ ...state.settings, "tolerances.about": 0.2 });
    const change = await waitFor("didChangeConfiguration", () =>
      readLog(logFile).find((entry) => entry.message.method === "workspace/didChangeConfiguration"),
    );
    assert.deepEqual(change.message.params, {
      settings: { tolerances: { about: 0.2 }, people: [{ name: "Marta Quillon", description: "Fire chief of Port Alder" }] },
    });
    assert.equal(readLog(logFile).filter((entry) => entry.message.method === "initialize").length, 1);

    // A new server path restarts the server.
    const otherServer = path.join(dir, "corroborate-2");
    fs.copyFileSync(server, otherServer);
    changeSettings({ ...state.settings, "server.path": otherServer });
    await waitFor("a second initialize", () =>
      readLog(logFile).filter((entry) => entry.message.method === "initialize").length === 2 ? true : undefined,
    );
    const pids = new Set(readLog(logFile).map((entry) => entry.pid));
    assert.equal(pids.size, 2);

    await extension.deactivate();
    ctx.subscriptions.forEach((d) => d.dispose());
    const methods = await waitFor("shutdown and exit", () => {
      const seen = readLog(logFile).map((entry) => entry.message.method);
      return seen.filter((m) => m === "exit").length >= 2 ? seen : undefined;
    });
    assert.equal(methods.filter((m) => m === "shutdown").length, 2, methods.join(", "));
    assert.equal(methods.filter((m) => m === "exit").length, 2, methods.join(", "));
  });

  it("says how to fix a server path that points nowhere, and starts nothing", async () => {
    const workspace = path.join(dir, "wrong-path");
    fs.mkdirSync(path.join(workspace, "articles"), { recursive: true });
    state.folders = [folder(workspace)];
    state.settings = { "server.path": path.join(dir, "missing", "corroborate") };
    state.errors = [];
    fs.rmSync(logFile, { force: true });
    const ctx = context();
    extension.activate(ctx as never);
    const error = await waitFor("an error message", () => state.errors[0]);
    assert.match(error, /corroborate\.server\.path.*no executable file/);
    assert.equal(readLog(logFile).length, 0);
    await extension.deactivate();
    ctx.subscriptions.forEach((d) => d.dispose());
  });

  it("leaves folders without corroborate.toml or articles/ alone", async () => {
    const workspace = path.join(dir, "other-project");
    fs.mkdirSync(path.join(workspace, "src"), { recursive: true });
    state.folders = [folder(workspace)];
    state.settings = { "server.path": server };
    state.errors = [];
    fs.rmSync(logFile, { force: true });
    const ctx = context();
    extension.activate(ctx as never);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(readLog(logFile).length, 0);
    assert.deepEqual(state.errors, []);
    await extension.deactivate();
    ctx.subscriptions.forEach((d) => d.dispose());
  });
});
