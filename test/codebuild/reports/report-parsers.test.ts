import { describe, expect, it } from 'vitest';
import { parseBuildspec } from '../../../src/codebuild/index.js';
import { parseClover } from '../../../src/codebuild/reports/clover.js';
import { parseCobertura } from '../../../src/codebuild/reports/cobertura.js';
import { parseCucumber } from '../../../src/codebuild/reports/cucumber.js';
import { parseJacoco } from '../../../src/codebuild/reports/jacoco.js';
import { parseJunit } from '../../../src/codebuild/reports/junit.js';
import { ReportParseError } from '../../../src/codebuild/reports/report-xml.js';
import { parseSimplecov } from '../../../src/codebuild/reports/simplecov.js';
import { parseNunit, parseNunit3 } from '../../../src/codebuild/reports/nunit.js';
import { parseTestng } from '../../../src/codebuild/reports/testng.js';
import { parseTrx } from '../../../src/codebuild/reports/trx.js';

const JUNIT = `<?xml version="1.0"?>
<testsuites><testsuite name="math">
  <testcase classname="MathTest" name="adds" time="0.25"/>
  <testcase classname="MathTest" name="divides" time="0.5"><failure message="expected 2">at MathTest.divides</failure></testcase>
  <testcase classname="MathTest" name="errs"><error message="boom"/></testcase>
  <testcase classname="MathTest" name="later"><skipped/></testcase>
</testsuite></testsuites>`;

describe('report parsers', () => {
  it('reads JUnit test cases with their status, prefix, suite, duration and failure message', () => {
    const cases = parseJunit(JUNIT, 'reports/junit.xml');
    expect(cases.map((c) => [c.name, c.status])).toEqual([['adds', 'SUCCEEDED'], ['divides', 'FAILED'], ['errs', 'ERROR'], ['later', 'SKIPPED']]);
    expect(cases[1]).toMatchObject({ prefix: 'MathTest', testSuiteName: 'math', durationInNanoSeconds: 500_000_000, message: 'expected 2\nat MathTest.divides', testRawDataPath: 'reports/junit.xml' });
    expect(cases[2].message).toBe('boom');
  });

  it('refuses a DOCTYPE, malformed XML and a wrong root element', () => {
    expect(() => parseJunit('<!DOCTYPE x [<!ENTITY a "b">]><testsuite/>', 'x')).toThrow(ReportParseError);
    expect(() => parseJunit('<testsuite><testcase', 'x')).toThrow(ReportParseError);
    expect(() => parseJunit('<coverage/>', 'x')).toThrow(/root element is coverage/);
  });

  it('reads Cucumber scenarios, failing when a step failed', () => {
    const json = JSON.stringify([{ name: 'Login', elements: [
      { name: 'ok', type: 'scenario', steps: [{ result: { status: 'passed', duration: 1000 } }] },
      { name: 'bad', type: 'scenario', steps: [{ result: { status: 'passed', duration: 5 } }, { result: { status: 'failed', duration: 7, error_message: 'nope' } }] },
    ] }]);
    expect(parseCucumber(json, 'c.json')).toEqual([
      { testRawDataPath: 'c.json', prefix: 'Login', name: 'ok', status: 'SUCCEEDED', durationInNanoSeconds: 1000, testSuiteName: 'Login' },
      { testRawDataPath: 'c.json', prefix: 'Login', name: 'bad', status: 'FAILED', durationInNanoSeconds: 12, message: 'nope', testSuiteName: 'Login' },
    ]);
    expect(() => parseCucumber('{}', 'c.json')).toThrow(ReportParseError);
  });

  it('reads Cobertura lines and branches per file', () => {
    const xml = `<coverage><packages><package name="p"><classes>
      <class name="A" filename="src/a.js"><lines><line number="1" hits="1"/><line number="2" hits="0"/><line number="3" hits="2" branch="true" condition-coverage="50% (1/2)"/></lines></class>
    </classes></package></packages></coverage>`;
    expect(parseCobertura(xml)).toEqual([
      { filePath: 'src/a.js', lineCoveragePercentage: 66.67, linesCovered: 2, linesMissed: 1, branchCoveragePercentage: 50, branchesCovered: 1, branchesMissed: 1 },
    ]);
  });

  it('reads Clover, JaCoCo and SimpleCov coverage', () => {
    const clover = `<coverage><project><package><file name="a.js" path="/src/a.js"><metrics statements="4" coveredstatements="3" conditionals="2" coveredconditionals="2"/></file></package></project></coverage>`;
    expect(parseClover(clover)[0]).toMatchObject({ filePath: '/src/a.js', linesCovered: 3, linesMissed: 1, lineCoveragePercentage: 75, branchCoveragePercentage: 100 });
    const jacoco = `<report name="r"><package name="com/x"><sourcefile name="A.java"><counter type="LINE" missed="1" covered="9"/><counter type="BRANCH" missed="0" covered="0"/></sourcefile></package></report>`;
    expect(parseJacoco(jacoco)[0]).toMatchObject({ filePath: 'com/x/A.java', linesCovered: 9, linesMissed: 1, lineCoveragePercentage: 90, branchCoveragePercentage: 0 });
    const simplecov = JSON.stringify({ RSpec: { coverage: { '/app/a.rb': { lines: [null, 1, 0, 3] } } } });
    expect(parseSimplecov(simplecov)[0]).toMatchObject({ filePath: '/app/a.rb', linesCovered: 2, linesMissed: 1 });
  });
});

describe('buildspec reports', () => {
  it('reads each report group with JUNITXML as the default format', () => {
    const parsed = parseBuildspec(`version: 0.2
phases:
  build:
    commands: [echo hi]
reports:
  unit:
    files: ['**/*.xml']
    base-directory: reports
  coverage:
    files: [cobertura.xml]
    file-format: COBERTURAXML
    discard-paths: yes
`);
    expect(parsed.ok && parsed.buildspec.reports).toEqual({
      unit: { files: ['**/*.xml'], baseDirectory: 'reports', discardPaths: false, fileFormat: 'JUNITXML' },
      coverage: { files: ['cobertura.xml'], baseDirectory: undefined, discardPaths: true, fileFormat: 'COBERTURAXML' },
    });
  });

  it('refuses an unknown file format and a report without files', () => {
    const bad = parseBuildspec(`version: 0.2\nphases:\n  build:\n    commands: [echo]\nreports:\n  unit:\n    files: [a.xml]\n    file-format: XUNIT\n`);
    expect(bad).toMatchObject({ ok: false, message: expect.stringContaining('invalid report file format XUNIT') });
    const none = parseBuildspec(`version: 0.2\nphases:\n  build:\n    commands: [echo]\nreports:\n  unit:\n    base-directory: r\n`);
    expect(none).toMatchObject({ ok: false });
  });
});

describe('report parsers for TestNG, NUnit and Visual Studio', () => {
  it('reads TestNG test methods, leaving configuration methods out', () => {
    const xml = `<testng-results><suite name="Suite"><test name="t"><class name="com.x.MathTest">
      <test-method status="PASS" name="setUp" is-config="true" duration-ms="1"/>
      <test-method status="PASS" name="adds" duration-ms="15"/>
      <test-method status="FAIL" name="divides" duration-ms="3"><exception class="java.lang.AssertionError"><message><![CDATA[expected 2]]></message><full-stacktrace><![CDATA[at MathTest.divides]]></full-stacktrace></exception></test-method>
      <test-method status="SKIP" name="later" duration-ms="0"/>
    </class></test></suite></testng-results>`;
    expect(parseTestng(xml, 't.xml')).toEqual([
      { testRawDataPath: 't.xml', prefix: 'com.x.MathTest', name: 'adds', status: 'SUCCEEDED', durationInNanoSeconds: 15_000_000, testSuiteName: 'Suite' },
      { testRawDataPath: 't.xml', prefix: 'com.x.MathTest', name: 'divides', status: 'FAILED', durationInNanoSeconds: 3_000_000, message: 'expected 2\nat MathTest.divides', testSuiteName: 'Suite' },
      { testRawDataPath: 't.xml', prefix: 'com.x.MathTest', name: 'later', status: 'SKIPPED', durationInNanoSeconds: 0, testSuiteName: 'Suite' },
    ]);
  });

  it('reads NUnit 2 test cases named by their full name, NotRunnable as an error', () => {
    const xml = `<test-results name="mock-assembly.dll"><test-suite type="Assembly" name="a"><results><test-suite type="TestFixture" name="MockTestFixture"><results>
      <test-case name="NUnit.Tests.MockTestFixture.Passes" executed="True" result="Success" success="True" time="0.012"/>
      <test-case name="NUnit.Tests.MockTestFixture.NotRunnableTest" executed="False" result="NotRunnable"><reason><message><![CDATA[No arguments were provided]]></message></reason></test-case>
      <test-case name="NUnit.Tests.MockTestFixture.Fails" executed="True" result="Failure" time="0.5"><failure><message>boom</message><stack-trace>at Fails()</stack-trace></failure></test-case>
      <test-case name="NUnit.Tests.MockTestFixture.Ignored" executed="False" result="Ignored"/>
    </results></test-suite></results></test-suite></test-results>`;
    const cases = parseNunit(xml, 'n.xml');
    expect(cases.map((c) => [c.prefix, c.name, c.status])).toEqual([
      ['NUnit.Tests.MockTestFixture', 'NUnit.Tests.MockTestFixture.Passes', 'SUCCEEDED'],
      ['NUnit.Tests.MockTestFixture', 'NUnit.Tests.MockTestFixture.NotRunnableTest', 'ERROR'],
      ['NUnit.Tests.MockTestFixture', 'NUnit.Tests.MockTestFixture.Fails', 'FAILED'],
      ['NUnit.Tests.MockTestFixture', 'NUnit.Tests.MockTestFixture.Ignored', 'SKIPPED'],
    ]);
    expect(cases[1].message).toBe('No arguments were provided');
    expect(cases[2]).toMatchObject({ message: 'boom\nat Fails()', durationInNanoSeconds: 500_000_000, testSuiteName: 'mock-assembly.dll' });
  });

  it('reads NUnit 3 test cases, a failure labelled Error as an error', () => {
    const xml = `<test-run><test-suite type="TestFixture" name="MathTest">
      <test-case fullname="Ns.MathTest.Adds" classname="Ns.MathTest" result="Passed" duration="0.25"/>
      <test-case fullname="Ns.MathTest.Throws" classname="Ns.MathTest" result="Failed" label="Error" duration="0.1"><failure><message>System.Exception</message></failure></test-case>
      <test-case fullname="Ns.MathTest.Wrong" classname="Ns.MathTest" result="Failed"/>
      <test-case fullname="Ns.MathTest.Later" classname="Ns.MathTest" result="Skipped" label="Ignored"/>
    </test-suite></test-run>`;
    expect(parseNunit3(xml, 'n3.xml').map((c) => [c.prefix, c.name, c.status, c.durationInNanoSeconds])).toEqual([
      ['Ns.MathTest', 'Ns.MathTest.Adds', 'SUCCEEDED', 250_000_000],
      ['Ns.MathTest', 'Ns.MathTest.Throws', 'ERROR', 100_000_000],
      ['Ns.MathTest', 'Ns.MathTest.Wrong', 'FAILED', 0],
      ['Ns.MathTest', 'Ns.MathTest.Later', 'SKIPPED', 0],
    ]);
  });

  it('reads Visual Studio TRX results with their class from the test definitions', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?><TestRun id="r" name="run 1" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
      <Results>
        <UnitTestResult testId="a" testName="Adds" outcome="Passed" duration="00:00:01.5000000"/>
        <UnitTestResult testId="b" testName="Fails" outcome="Failed" duration="00:00:00.0100000"><Output><ErrorInfo><Message>Assert.AreEqual failed</Message><StackTrace>at Fails()</StackTrace></ErrorInfo></Output></UnitTestResult>
        <UnitTestResult testId="c" testName="Later" outcome="NotExecuted"/>
      </Results>
      <TestDefinitions><UnitTest id="a" name="Adds"><TestMethod className="Ns.MathTest" name="Adds"/></UnitTest><UnitTest id="b" name="Fails"><TestMethod className="Ns.MathTest" name="Fails"/></UnitTest></TestDefinitions>
    </TestRun>`;
    expect(parseTrx(xml, 'r.trx')).toEqual([
      { testRawDataPath: 'r.trx', prefix: 'Ns.MathTest', name: 'Adds', status: 'SUCCEEDED', durationInNanoSeconds: 1_500_000_000, testSuiteName: 'run 1' },
      { testRawDataPath: 'r.trx', prefix: 'Ns.MathTest', name: 'Fails', status: 'FAILED', durationInNanoSeconds: 10_000_000, message: 'Assert.AreEqual failed\nat Fails()', testSuiteName: 'run 1' },
      { testRawDataPath: 'r.trx', prefix: '', name: 'Later', status: 'SKIPPED', durationInNanoSeconds: 0, testSuiteName: 'run 1' },
    ]);
  });
});
