import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportLedger, exportSource, serverSource, verifyLedger, type LedgerExport } from './verify-ledger.ts';

// jixu-verify: check a Jixu ledger from the outside (docs/ledger.md "Verifier").
const usage = `用法 / usage:
  jixu-verify --server URL [--state FILE] [--full]   核验在线账本：树头签名、与上次所见树头的一致性（--full：逐条重算根）
  jixu-verify --ledger FILE                          核验导出的账本文件（逐条重算根并核验签名）
  jixu-verify --server URL --export FILE             导出账本（公钥、树头、全部条目）`;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      server: { type: 'string' }, state: { type: 'string' }, full: { type: 'boolean' }, ledger: { type: 'string' },
      export: { type: 'string' }, help: { type: 'boolean' },
    },
  });
  if (values.help || (!values.server && !values.ledger)) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  if (values.server && values.export) {
    fs.writeFileSync(values.export, JSON.stringify(await exportLedger(serverSource(values.server))));
    console.log(`已导出到 ${values.export}`);
    return 0;
  }
  const source = values.ledger
    ? exportSource(JSON.parse(fs.readFileSync(values.ledger, 'utf8')) as LedgerExport)
    : serverSource(values.server!);
  const stateFile = values.ledger ? undefined
    : values.state ?? path.join(os.homedir(), '.jixu-verify', `${new URL(values.server!).host.replace(/[^\w.-]/g, '_')}.json`);
  const result = await verifyLedger({ source, stateFile, full: values.full ?? Boolean(values.ledger) });
  for (const f of result.findings) console.log(`${f.ok ? '✔' : '✘'} ${f.message}`);
  console.log(result.ok ? '结论：账本完整。' : '结论：发现问题，账本不可信。');
  return result.ok ? 0 : 1;
}
