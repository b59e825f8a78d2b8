import { CoverageTally, type FileCoverage } from './file-coverage.js';
import { attr, children, numberAttr, parseReportXml, type XmlElement } from './report-xml.js';

/** Reads a JaCoCo XML file: each `<package>`'s `<sourcefile>` with its LINE and BRANCH counters, named `<package>/<file>`. */
export function parseJacoco(content: string): FileCoverage[] {
  const { element } = parseReportXml(content, ['report']);
  const tally = new CoverageTally();
  const packages = [...children(element, 'package'), ...children(element, 'group').flatMap((g) => children(g, 'package'))];
  for (const pkg of packages) {
    const prefix = attr(pkg, 'name') ?? '';
    for (const file of children(pkg, 'sourcefile')) {
      const name = attr(file, 'name') ?? '';
      tally.add(prefix ? `${prefix}/${name}` : name, counter(file, 'LINE'), counter(file, 'BRANCH'));
    }
  }
  return tally.result();
}

function counter(file: XmlElement, type: string): { covered: number; missed: number } {
  const found = children(file, 'counter').find((c) => attr(c, 'type') === type);
  return found ? { covered: numberAttr(found, 'covered'), missed: numberAttr(found, 'missed') } : { covered: 0, missed: 0 };
}
