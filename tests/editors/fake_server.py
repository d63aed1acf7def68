#!/usr/bin/env python3
"""A stand-in language server for testing editor clients without corroborate: answers
`initialize`, `shutdown` and `textDocument/hover`, and appends every message it receives
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
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps({"pid": os.getpid(), "argv": sys.argv[1:], "message": message}) + "\n")


def answer(message):
    method = message.get("method")
    if method == "initialize":
        return {
            "capabilities": {"textDocumentSync": 1, "hoverProvider": True},
            "serverInfo": {"name": "fake-corroborate"},
        }
    if method == "textDocument/hover":
        return {"contents": {"kind": "markdown", "value": "fake hover"}}
    return None


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


if __name__ == "__main__":
    sys.exit(main())
