import { CoverageTally, type FileCoverage } from './file-coverage.js';
import { attr, children, descendants, numberAttr, parseReportXml } from './report-xml.js';

/** Reads a Clover XML file: each `<file>`'s `<metrics>` (statements as lines, conditionals as branches). */
export function parseClover(content: string): FileCoverage[] {
  const { element } = parseReportXml(content, ['coverage']);
  const tally = new CoverageTally();
  for (const file of descendants(element, 'file')) {
    const metrics = children(file, 'metrics')[0] ?? {};
    const statements = numberAttr(metrics, 'statements');
    const coveredStatements = numberAttr(metrics, 'coveredstatements');
    const conditionals = numberAttr(metrics, 'conditionals');
    const coveredConditionals = numberAttr(metrics, 'coveredconditionals');
    tally.add(
      attr(file, 'path') ?? attr(file, 'name') ?? '',
      { covered: coveredStatements, missed: Math.max(0, statements - coveredStatements) },
      { covered: coveredConditionals, missed: Math.max(0, conditionals - coveredConditionals) },
    );
  }
  return tally.result();
}
