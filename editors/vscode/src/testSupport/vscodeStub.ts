/**
 * A stand-in for the `vscode` module, enough to run `activate()` and a real
 * `vscode-languageclient` against a server process outside VS Code (VS Code itself cannot
 * be downloaded here). The parts the test inspects are real (workspace folders,
 * configuration, output, messages); everything else is a permissive dummy that accepts any
 * call and returns a disposable dummy.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import Module from "node:module";
import * as path from "node:path";
import { pathToFileURL } from "node:url";

/** Anything: callable, constructible, every property another dummy; never a thenable. */
function dummy(): any {
  const target = function () {
    /* dummy */
  };
  return new Proxy(target, {
    get(_target, key) {
      if (key === "then") {
        return undefined;
      }
      if (key === Symbol.iterator) {
        return function* () {
          /* empty */
        };
      }
      if (key === Symbol.toPrimitive) {
        return () => "";
      }
      if (key === "dispose") {
        return () => undefined;
      }
      return dummy();
    },
    apply() {
      return dummy();
    },
    construct() {
      return dummy();
    },
  });
}

class EventEmitter<T> {
  private listeners: Array<(value: T) => void> = [];
  event = (listener: (value: T) => void): { dispose(): void } => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(value: T): void {
    this.listeners.forEach((listener) => listener(value));
  }
  dispose(): void {
    this.listeners = [];
  }
}

class Disposable {
  constructor(private readonly callOnDispose: () => void) {}
  static from(...items: Array<{ dispose(): unknown }>): Disposable {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }
  dispose(): void {
    this.callOnDispose();
  }
}

class Uri {
  private constructor(
    readonly scheme: string,
    readonly fsPath: string,
  ) {}
  get path(): string {
    return this.fsPath;
  }
  static file(p: string): Uri {
    return new Uri("file", path.resolve(p));
  }
  static parse(value: string): Uri {
    if (value.startsWith("file://")) {
      return new Uri("file", decodeURIComponent(new URL(value).pathname));
    }
    const scheme = value.split(":")[0] ?? "";
    return new Uri(scheme, value.slice(scheme.length + 1));
  }
  toString(): string {
    return this.scheme === "file" ? pathToFileURL(this.fsPath).toString() : `${this.scheme}:${this.fsPath}`;
  }
  toJSON(): unknown {
    return { scheme: this.scheme, path: this.fsPath };
  }
  with(): Uri {
    return this;
  }
}

class RelativePattern {
  constructor(
    readonly base: unknown,
    readonly pattern: string,
  ) {}
}

export interface StubState {
  folders: Array<{ uri: Uri; name: string; index: number }>;
  settings: Record<string, unknown>;
  log: string[];
  errors: string[];
  commands: Map<string, (...args: unknown[]) => unknown>;
  /** Built-in commands the extension ran (`executeCommand`), with their arguments. */
  executed: Array<{ command: string; args: unknown[] }>;
  activeTextEditor: unknown;
}

export const state: StubState = {
  folders: [],
  settings: {},
  log: [],
  errors: [],
  commands: new Map(),
  executed: [],
  activeTextEditor: undefined,
};

/** An editor showing the file at `fsPath`, as `window.activeTextEditor`. */
export function editorFor(fsPath: string): unknown {
  return { document: { uri: Uri.file(fsPath) }, selection: { active: { line: 0, character: 0 } } };
}

const configurationChanges = new EventEmitter<{ affectsConfiguration(section: string): boolean }>();

/** Change settings as a user would; listeners hear which sections changed. */
export function changeSettings(settings: Record<string, unknown>): void {
  const changed = new Set([...Object.keys(settings), ...Object.keys(state.settings)].filter((key) => state.settings[key] !== settings[key]));
  state.settings = settings;
  configurationChanges.fire({
    affectsConfiguration: (section: string) =>
      section === "corroborate" || [...changed].some((key) => `corroborate.${key}` === section || `corroborate.${key}`.startsWith(section + ".")),
  });
}

function configuration(): any {
  return {
    get: (key: string, fallback?: unknown) => (key in state.settings ? state.settings[key] : fallback),
    inspect: (key: string) => (key in state.settings ? { key, globalValue: state.settings[key] } : { key }),
    has: (key: string) => key in state.settings,
    update: async () => undefined,
  };
}

function outputChannel(): any {
  const line = (level: string) => (message: string) => state.log.push(`${level} ${message}`);
  return new Proxy(
    {
      name: "Corroborate",
      logLevel: 2,
      onDidChangeLogLevel: new EventEmitter<number>().event,
      append: line("append"),
      appendLine: line("line"),
      trace: line("trace"),
      debug: line("debug"),
      info: line("info"),
      warn: line("warn"),
      error: line("error"),
      show: () => undefined,
      hide: () => undefined,
      clear: () => undefined,
      replace: () => undefined,
      dispose: () => undefined,
    },
    { get: (target: any, key) => (key in target ? target[key] : dummy()) },
  );
}

function watcher(): any {
  const noop = () => ({ dispose: () => undefined });
  return { onDidCreate: noop, onDidChange: noop, onDidDelete: noop, dispose: () => undefined, ignoreCreateEvents: false, ignoreChangeEvents: false, ignoreDeleteEvents: false };
}

const workspace = new Proxy(
  {
    get workspaceFolders() {
      return state.folders;
    },
    textDocuments: [],
    notebookDocuments: [],
    getConfiguration: configuration,
    getWorkspaceFolder: (uri: Uri) => state.folders.find((f) => uri.fsPath.startsWith(f.uri.fsPath + path.sep)),
    createFileSystemWatcher: watcher,
    onDidChangeConfiguration: configurationChanges.event,
  },
  { get: (target: any, key) => (key in target ? target[key] : dummy()) },
);

const window = new Proxy(
  {
    createOutputChannel: outputChannel,
    showErrorMessage: async (message: string) => {
      state.errors.push(message);
      return undefined;
    },
    visibleTextEditors: [],
    get activeTextEditor() {
      return state.activeTextEditor;
    },
  },
  { get: (target: any, key) => (key in target ? target[key] : dummy()) },
);

const commands = new Proxy(
  {
    registerCommand: (id: string, handler: (...args: unknown[]) => unknown) => {
      if (state.commands.has(id)) {
        throw new Error(`command '${id}' already exists`); // as VS Code does
      }
      state.commands.set(id, handler);
      return { dispose: () => state.commands.delete(id) };
    },
    executeCommand: async (command: string, ...args: unknown[]) => {
      state.executed.push({ command, args });
      return undefined;
    },
  },
  { get: (target: any, key) => (key in target ? target[key] : dummy()) },
);

const languages = new Proxy(
  { match: () => 0 },
  { get: (target: any, key) => (key in target ? target[key] : dummy()) },
);

const stub = new Proxy(
  {
    version: "1.91.0",
    EventEmitter,
    Disposable,
    Uri,
    RelativePattern,
    workspace,
    window,
    commands,
    languages,
    env: { language: "en", appName: "stub", machineId: "stub", sessionId: "stub" },
    extensions: { all: [], getExtension: () => undefined },
  },
  { get: (target: any, key) => (key in target ? target[key] : dummy()) },
);

/** Make `require("vscode")` return the stand-in. Call before loading the extension. */
export function installVscodeStub(): void {
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    if (request === "vscode") {
      return stub;
    }
    return original.call(this, request, ...rest);
  };
}

export function folder(fsPath: string): { uri: Uri; name: string; index: number } {
  return { uri: Uri.file(fsPath), name: path.basename(fsPath), index: 0 };
}
