import { describe, expect, it } from 'vitest';
import { ScriptLog } from '../../src/codedeploy/script-log.js';

describe('ScriptLog', () => {
  it('joins its entries while they fit in about 2 KB', () => {
    const log = new ScriptLog();
    ['LifecycleEvent - AfterInstall\n', 'Script - a.sh\n', '[stdout]hi\n'].forEach((e) => log.append(e));
    expect(log.text()).toBe('LifecycleEvent - AfterInstall\nScript - a.sh\n[stdout]hi\n');
  });

  it('drops the oldest entries once the output outgrows the tail', () => {
    const log = new ScriptLog();
    for (let i = 0; i < 100; i++) log.append(`[stdout]line ${String(i).padStart(3, '0')} ${'x'.repeat(40)}\n`);
    const text = log.text();
    expect(text.length).toBeLessThanOrEqual(2048);
    expect(text.length).toBeGreaterThan(1900);
    expect(text.endsWith(`[stdout]line 099 ${'x'.repeat(40)}\n`)).toBe(true);
    expect(text).not.toContain('line 000');
  });
});
