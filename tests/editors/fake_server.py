#!/usr/bin/env python3
"""A stand-in language server for testing editor clients without corroborate: answers
`initialize`, `shutdown`, `textDocument/hover`, `textDocument/definition`, `textDocument/inlayHint` and the
`corroborate.claimOccurrences` command, and appends every message it receives
as one JSON line to the file named by $FAKE_LSP_LOG (with the process id, so tests can
count servers). Standard library only."""
import json
import os
import sys


def read_message(stream):
    length = None
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.lower() == "content-length":
            length = int(value.strip())
    if length is None:
        return None
    return json.loads(stream.read(length))


def send(message):
    body = json.dumps(message).encode("utf-8")
    sys.stdout.buffer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    sys.stdout.buffer.flush()


def log(message):
    path = os.environ.get("FAKE_LSP_LOG")
    if path:
        # One write() on an O_APPEND descriptor: lines of servers sharing the log never mix.
        line = (json.dumps({"pid": os.getpid(), "argv": sys.argv[1:], "message": message}) + "\n").encode("utf-8")
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)


def find(text, needle):
    """LSP position of needle in text (ASCII fixtures: characters = bytes)."""
    for number, line in enumerate(text.split("\n")):
        column = line.find(needle)
        if column >= 0:
            return {"line": number, "character": column}
    return None


DOCUMENTS = {}
SETTINGS = {}


def rehearsal_diagnostics(uri, text):
    """With FAKE_LSP_REHEARSAL=1: answers shaped like corroborate's, so the end-to-end
    test can be rehearsed without the real server."""
    ignored = any(rule.get("subject") == "killed" for rule in SETTINGS.get("ignore", []))
    out = []
    for needle, other in (("9 people died", "The Harbour Ledger: \"Seven\" (7)"), ("Seven people were killed", "Northfield Courier: \"9\" (9)")):
        start = find(text, needle)
        if start and not ignored:
            end = {"line": start["line"], "character": start["character"] + len(needle.split()[0])}
            out.append({"range": {"start": start, "end": end}, "severity": 2, "source": "corroborate",
                        "message": "killed: other outlets say otherwise. " + other})
    return {"uri": uri, "diagnostics": out}


def answer(message):
    method = message.get("method")
    if method == "initialize":
        return {
            "capabilities": {
                "textDocumentSync": 1,
                "hoverProvider": True,
                "definitionProvider": True,
                "inlayHintProvider": True,
                "executeCommandProvider": {"commands": ["corroborate.ignoreDisagreement", "corroborate.claimOccurrences"]},
            },
            "serverInfo": {"name": "fake-corroborate"},
        }
    if method == "textDocument/hover":
        if os.environ.get("FAKE_LSP_REHEARSAL"):
            return {"contents": {"kind": "markdown", "value": "**Marta Quillon**, fire chief. Tobias Renn: Mayor of Port Alder since 2024. 9 killed; The Harbour Ledger: seven"}}
        return {"contents": {"kind": "markdown", "value": "fake hover"}}
    if method == "workspace/executeCommand" and message["params"]["command"] == "corroborate.claimOccurrences":
        spot = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 5}}
        return [{"uri": "file:///claims/a.txt", "range": spot}, {"uri": "file:///claims/b.txt", "range": spot}]
    if method == "textDocument/inlayHint" and os.environ.get("FAKE_LSP_REHEARSAL"):
        start = find(DOCUMENTS.get(message["params"]["textDocument"]["uri"], ""), "Seven people")
        if start is None:
            return []
        return [{"position": {"line": start["line"], "character": start["character"] + 5}, "label": "= 7"}]
    if method == "textDocument/definition":
        uri = message["params"]["textDocument"]["uri"]
        ledger = uri.rsplit("/", 1)[0] + "/ledger-fire.txt"
        with open(ledger[len("file://"):], encoding="utf-8") as f:
            start = find(f.read(), "The roof came down")
        return [{"uri": ledger, "range": {"start": start, "end": start}}]
    return None


def notify_rehearsal(message):
    method = message.get("method")
    params = message.get("params") or {}
    if method == "initialize":
        SETTINGS.update(params.get("initializationOptions") or {})
    if method == "workspace/didChangeConfiguration":
        SETTINGS.clear()
        SETTINGS.update(params.get("settings") or {})
    if method == "textDocument/didOpen":
        DOCUMENTS[params["textDocument"]["uri"]] = params["textDocument"]["text"]
    if method in ("textDocument/didOpen", "workspace/didChangeConfiguration"):
        for uri, text in DOCUMENTS.items():
            send({"jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": rehearsal_diagnostics(uri, text)})


def main():
    while True:
        message = read_message(sys.stdin.buffer)
        if message is None:
            return 1
        log(message)
        if message.get("method") == "exit":
            return 0
        if "id" in message and "method" in message:
            send({"jsonrpc": "2.0", "id": message["id"], "result": answer(message)})
        if os.environ.get("FAKE_LSP_REHEARSAL"):
            notify_rehearsal(message)


if __name__ == "__main__":
    sys.exit(main())
