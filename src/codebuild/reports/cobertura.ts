import { CoverageTally, type FileCoverage } from './file-coverage.js';
import { attr, children, descendants, numberAttr, parseReportXml } from './report-xml.js';

/**
 * Reads a Cobertura XML file: each `<class>`'s `<line>`s counted by its `filename` (a line is covered when its hits
 * are above 0), branches from `condition-coverage="50% (1/2)"`.
 */
export function parseCobertura(content: string): FileCoverage[] {
  const { element } = parseReportXml(content, ['coverage']);
  const tally = new CoverageTally();
  for (const cls of descendants(element, 'class')) {
    const lines = { covered: 0, missed: 0 };
    const branches = { covered: 0, missed: 0 };
    for (const line of children(children(cls, 'lines')[0] ?? {}, 'line')) {
      if (numberAttr(line, 'hits') > 0) lines.covered++;
      else lines.missed++;
      const condition = /\((\d+)\/(\d+)\)/.exec(attr(line, 'condition-coverage') ?? '');
      if (attr(line, 'branch') === 'true' && condition) {
        branches.covered += Number(condition[1]);
        branches.missed += Number(condition[2]) - Number(condition[1]);
      }
    }
    tally.add(attr(cls, 'filename') ?? attr(cls, 'name') ?? '', lines, branches);
  }
  return tally.result();
}
