import { describe, expect, it } from 'vitest';
import type { VerifyReport } from './verify.js';
import { parseDuration, renderJunit, renderVerifyTable } from './verify.js';

const report: VerifyReport = {
  target: 'emulator',
  ok: false,
  attempts: 2,
  checks: [
    { address: 'acme/a/api', check: 'scopes', status: 'pass', detail: 'ok', durationMs: 12 },
    {
      address: 'acme/a/api',
      check: 'business-unit 200',
      status: 'fail',
      detail: 'account_id 200 refused: <401>',
      durationMs: 3,
    },
    { address: 'acme/b/api', check: 'refresh', status: 'skip', detail: 'offline is not declared', durationMs: 0 },
  ],
};

describe('verify output', () => {
  it('parses durations', () => {
    expect([parseDuration('5m'), parseDuration('30s'), parseDuration('250ms'), parseDuration('2')]).toEqual([
      300_000, 30_000, 250, 2000,
    ]);
    expect(() => parseDuration('soon')).toThrow('not a duration: soon (use e.g. 30s, 5m)');
  });

  it('renders JUnit XML with one suite per integration', () => {
    expect(renderJunit(report)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="grantform verify" tests="3" failures="1" skipped="1">',
        '  <testsuite name="acme/a/api" tests="2" failures="1" skipped="0">',
        '    <testcase classname="acme/a/api" name="scopes" time="0.012"/>',
        '    <testcase classname="acme/a/api" name="business-unit 200" time="0.003"><failure message="account_id 200 refused: &lt;401&gt;"/></testcase>',
        '  </testsuite>',
        '  <testsuite name="acme/b/api" tests="1" failures="0" skipped="1">',
        '    <testcase classname="acme/b/api" name="refresh" time="0.000"><skipped message="offline is not declared"/></testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('renders warnings in JUnit XML as passing testcases carrying the text, never as failures', () => {
    // GIVEN a report with warnings on an address with checks and on one without
    const warned: VerifyReport = {
      ...report,
      warnings: [
        { address: 'acme/a/api', warning: 'unused scopes', detail: 'email_send <never requested>' },
        { address: 'acme/c/api', warning: 'no usage', detail: 'no token was issued' },
      ],
    };
    // WHEN rendered THEN each warning is a testcase with <system-out>, and failures/skipped are unchanged
    expect(renderJunit(warned)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="grantform verify" tests="5" failures="1" skipped="1">',
        '  <testsuite name="acme/a/api" tests="3" failures="1" skipped="0">',
        '    <testcase classname="acme/a/api" name="scopes" time="0.012"/>',
        '    <testcase classname="acme/a/api" name="business-unit 200" time="0.003"><failure message="account_id 200 refused: &lt;401&gt;"/></testcase>',
        '    <testcase classname="acme/a/api" name="warning: unused scopes" time="0.000"><system-out>WARN unused scopes: email_send &lt;never requested&gt;</system-out></testcase>',
        '  </testsuite>',
        '  <testsuite name="acme/b/api" tests="1" failures="0" skipped="1">',
        '    <testcase classname="acme/b/api" name="refresh" time="0.000"><skipped message="offline is not declared"/></testcase>',
        '  </testsuite>',
        '  <testsuite name="acme/c/api" tests="1" failures="0" skipped="0">',
        '    <testcase classname="acme/c/api" name="warning: no usage" time="0.000"><system-out>WARN no usage: no token was issued</system-out></testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('renders a table with a summary', () => {
    expect(renderVerifyTable(report)).toBe(
      [
        'STATUS  ADDRESS     CHECK              DETAIL',
        'PASS    acme/a/api  scopes             ok',
        'FAIL    acme/a/api  business-unit 200  account_id 200 refused: <401>',
        'SKIP    acme/b/api  refresh            offline is not declared',
        '',
        'Verification FAILED: 1 passed, 1 failed, 1 skipped (2 attempts).',
        '',
      ].join('\n'),
    );
  });
});
