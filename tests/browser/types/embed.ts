// Type-checks the TypeScript declarations of dist/pkg (./test.sh runs `tsc -p types`): the
// README's embedding example, and misuses that the declarations must reject.
import init, { check, render, rules, type CheckResult, type Diagnostic, type RuleInfo } from '../../../dist/pkg/nianbao.js';
import { loadReaders } from '../../../dist/pkg/readers.js';

export async function example(reportText: string, file: Uint8Array, lastYear: string): Promise<string> {
  await init();
  const result: CheckResult = check(reportText, { fileName: '2024年报.txt' });
  const { errors, warnings, infos } = result.summary;
  for (const d of result.diagnostics) {
    const line: number | null = d.location.line;
    const where: 'table2' | 'table3' | 'table4' | null = d.location.table;
    console.log(d.code, d.severity, line, where, d.expected ?? '', d.actual ?? '', d.message);
  }
  await loadReaders();
  const fromFile = check(file);
  const withPrevious = check(reportText, { previous: lastYear, ignore: ['K002'] });
  const agency: string | null = withPrevious.report?.agency ?? null;
  const cell = fromFile.report?.table3?.rows['new']?.[6];
  const n: number | string | null | undefined = cell;
  const catalogue: RuleInfo[] = rules();
  const first: Diagnostic | undefined = result.diagnostics[0];
  console.log(errors + warnings + infos, agency, n, catalogue.length, first?.dismissed);
  return render(result);
}

export function misuse(): void {
  // @ts-expect-error: loadReaders only loads; check() gives the result
  loadReaders().then((r: CheckResult) => r.summary);
  // @ts-expect-error: the input is text or bytes
  check(3);
  // @ts-expect-error: unknown option
  check('x', { filename: 'a.txt' });
  // @ts-expect-error: render takes a check() result
  render('<p>');
  // @ts-expect-error: severity is one of three words
  const s: Diagnostic['severity'] = 'fatal';
  console.log(s);
}
