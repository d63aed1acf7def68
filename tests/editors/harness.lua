--- A tiny test harness for headless Neovim (0.7 and later): `check` records a result,
--- `finish` prints "N passed, M failed" and leaves Neovim with :qa! or :cq.
local H = { passed = 0, failed = 0, prefix = "" }

local function out(line)
  io.stdout:write(line .. "\n")
  io.stdout:flush()
end

H.out = out

--- Record one check: `ok` true passes; otherwise `detail` says what went wrong.
function H.check(name, ok, detail)
  if ok then
    H.passed = H.passed + 1
    out("ok     " .. H.prefix .. name)
  else
    H.failed = H.failed + 1
    out("FAILED " .. H.prefix .. name .. (detail and ("\n       " .. tostring(detail):gsub("\n", "\n       ")) or ""))
  end
  return ok
end

--- Deep equality check with a readable difference.
function H.equal(name, actual, expected)
  return H.check(
    name,
    vim.deep_equal(actual, expected),
    "expected " .. vim.inspect(expected) .. "\n got      " .. vim.inspect(actual)
  )
end

--- Run `fn` and record an error it raises as a failure of `name`.
function H.guard(name, fn)
  local ok, err = pcall(fn)
  if not ok then
    H.check(name, false, "error: " .. tostring(err))
  end
  return ok
end

function H.finish()
  out(string.format("%d passed, %d failed", H.passed, H.failed))
  if H.failed > 0 or H.passed == 0 then
    vim.cmd("cq")
  else
    vim.cmd("qa!")
  end
end

return H
