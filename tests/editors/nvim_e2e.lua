--- End-to-end: Neovim + editors/neovim + the real `corroborate lsp` on the fixture
--- workspace (tests/editors/fixture: one warehouse fire told by three invented outlets).
---
--- Env: CORROBORATE_BIN (the server binary), CORROBORATE_FIXTURE (a writable copy of the
--- fixture). Run by tests/editors.sh:
---   nvim --headless -u NONE -i NONE --cmd 'set rtp+=editors/neovim' -c 'luafile tests/editors/nvim_e2e.lua'
local here = debug.getinfo(1, "S").source:sub(2):match("^(.*)/[^/]*$") or "."
local H = dofile(here .. "/harness.lua")
H.prefix = "e2e: "
vim.cmd("filetype on")

local bin = vim.env.CORROBORATE_BIN or "target/debug/corroborate"
bin = vim.fn.fnamemodify(bin, ":p")
local fixture = vim.fn.fnamemodify(vim.env.CORROBORATE_FIXTURE or (here .. "/fixture"), ":p"):gsub("/$", "")
local WAIT_MS = tonumber(vim.env.CORROBORATE_WAIT_MS or "") or 20000

local LEDGER = fixture .. "/articles/ledger-fire.txt"
local COURIER = fixture .. "/articles/courier-fire.txt"
local WIRE = fixture .. "/articles/wire-fire.txt"
local QUOTE = "The roof came down before anyone could get back inside"

-----------------------------------------------------------------------------------------
-- Helpers
-----------------------------------------------------------------------------------------

--- UTF-16 column of byte `byte` of `line` (the signature changed in 0.11).
local function utf16_index(line, byte)
  if vim.fn.has("nvim-0.11") == 1 then
    return vim.str_utfindex(line, "utf-16", byte)
  end
  local _, utf16 = vim.str_utfindex(line, byte)
  return utf16
end

local function buffer_clients(bufnr)
  if type(vim.lsp.get_clients) == "function" then
    return vim.lsp.get_clients({ bufnr = bufnr })
  end
  return vim.lsp.buf_get_clients(bufnr)
end

--- The LSP position (0-based line, UTF-16 character) of the `nth` occurrence of `needle`
--- in buffer `bufnr`, plus `offset` characters into it.
local function position_of(bufnr, needle, offset, nth)
  nth = nth or 1
  local seen = 0
  for index, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local from = 1
    while true do
      local start = line:find(needle, from, true)
      if start == nil then
        break
      end
      seen = seen + 1
      if seen == nth then
        local byte = start - 1 + (offset or 0)
        return { line = index - 1, character = utf16_index(line, byte) }
      end
      from = start + 1
    end
  end
  error(string.format("%q not found in %s", needle, vim.api.nvim_buf_get_name(bufnr)))
end

local function line_of(bufnr, needle)
  return position_of(bufnr, needle, 0).line
end

--- The text of a hover result, whatever shape the server chose.
local function hover_text(result)
  if result == nil or result.contents == nil then
    return nil
  end
  local contents = result.contents
  local parts = {}
  local function add(item)
    if type(item) == "string" then
      table.insert(parts, item)
    elseif type(item) == "table" and item.value ~= nil then
      table.insert(parts, item.value)
    end
  end
  if type(contents) == "table" and contents.value == nil and contents[1] ~= nil then
    for _, item in ipairs(contents) do
      add(item)
    end
  else
    add(contents)
  end
  return table.concat(parts, "\n")
end

--- Send a request to the buffer's server and return the first result (or nil, error).
local function request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, WAIT_MS)
  if responses == nil then
    return nil, "no answer: " .. tostring(err)
  end
  for _, response in pairs(responses) do
    if response.error ~= nil then
      return nil, vim.inspect(response.error)
    end
    return response.result
  end
  return nil, "no client answered"
end

local function hover(bufnr, needle, offset)
  local result, err = request(bufnr, "textDocument/hover", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = position_of(bufnr, needle, offset),
  })
  if err ~= nil then
    return nil, err
  end
  return hover_text(result), vim.inspect(result)
end

local function contains(text, needle)
  return type(text) == "string" and text:lower():find(needle:lower(), 1, true) ~= nil
end

--- Everything a diagnostic says: its message and its related information.
local function diagnostic_text(diagnostic)
  local parts = { diagnostic.message or "" }
  local lsp = diagnostic.user_data and diagnostic.user_data.lsp or {}
  for _, related in ipairs(lsp.relatedInformation or diagnostic.relatedInformation or {}) do
    table.insert(parts, (related.location and related.location.uri or "") .. " " .. (related.message or ""))
  end
  return table.concat(parts, "\n")
end

local function describe_diagnostics(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(out, string.format("%d:%d sev %s: %s", d.lnum, d.col, tostring(d.severity), diagnostic_text(d)))
  end
  return #out == 0 and "(no diagnostics)" or table.concat(out, "\n")
end

--- Wait for a diagnostic on `line` of `bufnr` for which `accept(diagnostic, text)` holds.
local function wait_for_diagnostic(bufnr, line, accept)
  local found
  vim.wait(WAIT_MS, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.lnum == line and accept(d, diagnostic_text(d)) then
        found = d
        return true
      end
    end
    return false
  end, 50)
  return found
end

--- Definition results come as a Location, a list of Locations or of LocationLinks.
local function first_location(result)
  if result == nil then
    return nil
  end
  if result.uri ~= nil or result.targetUri ~= nil then
    result = { result }
  end
  local first = result[1]
  if first == nil then
    return nil
  end
  return {
    uri = first.uri or first.targetUri,
    range = first.range or first.targetSelectionRange or first.targetRange,
  }
end

--- With CORROBORATE_TRANSCRIPT set, what the user saw is written there (for the READMEs).
local transcript = {}
local function note(title, text)
  table.insert(transcript, "### " .. title .. "\n\n" .. tostring(text) .. "\n")
end

--- Edit `path` and wait until the corroborate client is attached to it (Neovim 0.11
--- attaches on a later tick of the event loop).
local function open(path)
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  local bufnr = vim.api.nvim_get_current_buf()
  local attached = vim.wait(WAIT_MS, function()
    return next(buffer_clients(bufnr)) ~= nil
  end, 20)
  H.check("the client attaches to " .. vim.fn.fnamemodify(path, ":t"), attached)
  return bufnr
end

-----------------------------------------------------------------------------------------
-- The test
-----------------------------------------------------------------------------------------

H.guard("run", function()
  if vim.fn.executable(bin) ~= 1 then
    H.check("the server binary exists", false, bin .. " is not executable (set CORROBORATE_BIN)")
    return
  end
  require("corroborate").setup({
    cmd = { bin, "lsp" },
    settings = {
      -- Only in the editor settings, not in the fixture's corroborate.toml: the hover
      -- on Renn shows it only if settings reach the server.
      people = { { name = "Tobias Renn", description = "Mayor of Port Alder since 2024" } },
    },
  })

  local courier = open(COURIER)
  H.check("the buffer is a text buffer", vim.bo[courier].filetype == "text", vim.bo[courier].filetype)
  if next(buffer_clients(courier)) == nil then
    return
  end
  local client = require("corroborate").get_clients()[1]
  H.equal("the client's root is the fixture workspace", client.config.root_dir, fixture)

  -- 1. The disagreement: Courier's "9 people died" vs Ledger's "Seven people were killed".
  local nine_line = line_of(courier, "9 people died")
  local on_nine = wait_for_diagnostic(courier, nine_line, function(_, text)
    return (contains(text, "seven") or text:find("%f[%d]7%f[%D]") ~= nil)
  end)
  H.check(
    "a diagnostic on \"9 people died\" names the other figure (seven)",
    on_nine ~= nil,
    describe_diagnostics(courier)
  )
  if on_nine then
    local text = diagnostic_text(on_nine)
    note(string.format("Diagnostic on courier-fire.txt %d:%d (severity %d)", on_nine.lnum + 1, on_nine.col + 1, on_nine.severity), text)
    H.check("... and the other outlet (The Harbour Ledger)", contains(text, "Harbour Ledger") or contains(text, "ledger-fire"), text)
    local nine = position_of(courier, "9 people died")
    H.check(
      "... and starts at the figure",
      on_nine.col <= nine.character and (on_nine.end_lnum > on_nine.lnum or on_nine.end_col > nine.character),
      string.format("diagnostic %d:%d-%d:%d, figure at %d", on_nine.lnum, on_nine.col, on_nine.end_lnum, on_nine.end_col, nine.character)
    )
    H.check(
      "... as a warning or an error",
      on_nine.severity == vim.diagnostic.severity.WARN or on_nine.severity == vim.diagnostic.severity.ERROR,
      "severity " .. tostring(on_nine.severity)
    )
  end

  -- 2. Hover a person: Marta Quillon, named "Fire Chief" here.
  local person, raw = hover(courier, "Quillon", 2)
  note("Hover on Quillon (courier-fire.txt)", person)
  H.check("hover on Quillon names her", contains(person, "Marta Quillon"), raw)
  H.check("hover on Quillon gives her role (fire chief)", contains(person, "fire chief") or contains(person, "chief"), person)

  -- 3. Hover a person known only from the editor settings.
  local renn, renn_raw = hover(courier, "Tobias Renn", 8)
  note("Hover on Renn (courier-fire.txt)", renn)
  H.check("hover on Renn shows the description from the editor settings", contains(renn, "since 2024"), renn_raw)

  -- 4. Hover a figure: "9" (people died) shows what it counts and what the Ledger says.
  local figure, figure_raw = hover(courier, "9 people died", 0)
  note("Hover on 9 (courier-fire.txt)", figure)
  H.check("hover on 9 says what it counts (killed)", contains(figure, "killed"), figure_raw)
  H.check(
    "hover on 9 shows the Ledger's figure",
    contains(figure, "Harbour Ledger") and (contains(figure, "seven") or (figure or ""):find("%f[%d]7%f[%D]") ~= nil),
    figure
  )

  -- 5. Go to definition on the repeated quote: the earliest source is the Ledger.
  local result, err = request(courier, "textDocument/definition", {
    textDocument = { uri = vim.uri_from_bufnr(courier) },
    position = position_of(courier, QUOTE, 10),
  })
  local location = first_location(result)
  note("Definition of the quote (courier-fire.txt)", vim.inspect(location))
  H.check("definition on the quote answers", location ~= nil, err or vim.inspect(result))
  if location then
    H.equal("definition on the quote goes to the earliest article", vim.fn.fnamemodify(vim.uri_to_fname(location.uri), ":t"), "ledger-fire.txt")
    local ledger_lines = vim.fn.readfile(LEDGER)
    local quote_line
    for index, line in ipairs(ledger_lines) do
      if line:find(QUOTE, 1, true) then
        quote_line = index - 1
      end
    end
    H.equal("definition on the quote lands on the quote's line", location.range and location.range.start.line, quote_line)
  end

  -- 6. The other side of the disagreement, and no warning where outlets agree.
  local ledger = open(LEDGER)
  local seven_line = line_of(ledger, "Seven people were killed")
  local on_seven = wait_for_diagnostic(ledger, seven_line, function(_, text)
    return text:find("%f[%d]9%f[%D]") ~= nil or contains(text, "nine")
  end)
  H.check("the Ledger's \"Seven\" gets the mirror diagnostic (9)", on_seven ~= nil, describe_diagnostics(ledger))
  note("Diagnostics of ledger-fire.txt", describe_diagnostics(ledger))

  -- 7. An inlay hint gives the value of a figure written in words: "Seven" = 7.
  local line_count = vim.api.nvim_buf_line_count(ledger)
  local hints, hint_err = request(ledger, "textDocument/inlayHint", {
    textDocument = { uri = vim.uri_from_bufnr(ledger) },
    range = { start = { line = 0, character = 0 }, ["end"] = { line = line_count, character = 0 } },
  })
  local seven_end = position_of(ledger, "Seven people", 5)
  local seven_hint
  for _, hint in ipairs(type(hints) == "table" and hints or {}) do
    local label = type(hint.label) == "string" and hint.label or ""
    if type(hint.label) == "table" then
      for _, part in ipairs(hint.label) do
        label = label .. (part.value or "")
      end
    end
    if hint.position.line == seven_end.line and hint.position.character == seven_end.character then
      seven_hint = label
    end
  end
  note("Inlay hint after \"Seven\" (ledger-fire.txt)", seven_hint)
  H.check(
    "an inlay hint after \"Seven\" gives 7",
    seven_hint ~= nil and seven_hint:find("%f[%d]7%f[%D]") ~= nil,
    hint_err or vim.inspect(hints)
  )

  local wire = open(WIRE)
  vim.wait(1500, function()
    return false
  end, 50)
  local loud = {}
  for _, d in ipairs(vim.diagnostic.get(wire)) do
    if d.severity == vim.diagnostic.severity.ERROR or d.severity == vim.diagnostic.severity.WARN then
      table.insert(loud, d)
    end
  end
  H.check("no warning in the Wire article, which agrees with the others", #loud == 0, describe_diagnostics(wire))
  note("Diagnostics of wire-fire.txt", describe_diagnostics(wire))

  -- 8. New settings take effect without a restart: ignoring `killed` clears the warning.
  require("corroborate").update_settings({
    people = { { name = "Tobias Renn", description = "Mayor of Port Alder since 2024" } },
    ignore = { { subject = "killed" } },
  })
  local cleared = vim.wait(WAIT_MS, function()
    for _, d in ipairs(vim.diagnostic.get(courier)) do
      if d.lnum == nine_line then
        return false
      end
    end
    return true
  end, 50)
  H.check(
    "an ignore rule sent by didChangeConfiguration clears the warning",
    on_nine ~= nil and cleared,
    on_nine == nil and "there was no warning to clear" or describe_diagnostics(courier)
  )
end)

if vim.env.CORROBORATE_TRANSCRIPT ~= nil and vim.env.CORROBORATE_TRANSCRIPT ~= "" then
  vim.fn.writefile(vim.split(table.concat(transcript, "\n"), "\n"), vim.env.CORROBORATE_TRANSCRIPT)
end

for _, client in ipairs(require("corroborate").get_clients()) do
  if vim.fn.has("nvim-0.11") == 1 then
    client:stop()
  else
    client.stop()
  end
end
vim.wait(2000, function()
  return #require("corroborate").get_clients() == 0
end, 50)
H.finish()
