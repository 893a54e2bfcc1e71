-- xxgk-report in Neovim 0.7+: the bundled language server (dist/server.js) over stdio, attached to every
-- .txt and .md buffer; the server itself decides whether a file is a 政府信息公开工作年度报告 and stays
-- silent on anything else. Use it as your init.lua, or copy the block into your own configuration.
-- The e2e test (test.lua) runs Neovim with exactly this file: `nvim -u test/e2e/nvim/init.lua report.txt`.
local server = os.getenv('XXGK_REPORT_SERVER') or vim.fn.expand('~/xxgk-report/dist/server.js')

local config = {
  name = 'xxgk-report',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.getcwd(),
  -- answered to the server's workspace/configuration requests (section "xxgkReport")
  settings = { xxgkReport = { locale = 'zh-cn' } },
}

local client_id -- Neovim 0.7 has no vim.lsp.start: keep one client and attach each buffer to it
vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'text', 'markdown' },
  callback = function(args)
    if vim.lsp.start then -- 0.8+: starts the server once, then reuses it
      vim.lsp.start(config, { bufnr = args.buf })
      return
    end
    local client = client_id and vim.lsp.get_client_by_id(client_id)
    if not client or client.is_stopped() then client_id = vim.lsp.start_client(config) end
    if client_id then vim.lsp.buf_attach_client(args.buf, client_id) end
  end,
})

-- Optional: show the rule code with each message, and jump between findings.
vim.diagnostic.config({ virtual_text = { format = function(d) return ('%s %s'):format(d.code or '', d.message) end } })
vim.keymap.set('n', ']d', vim.diagnostic.goto_next)
vim.keymap.set('n', '[d', vim.diagnostic.goto_prev)
vim.keymap.set('n', '<leader>ca', vim.lsp.buf.code_action)
