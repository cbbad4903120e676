/**
 * The config change `grantform advise` suggests: the declared `scopes` (and `businessUnits`) literal
 * located in the config source and rewritten in its own style, as a unified diff; anything not a
 * literal reported as a plain list with the reason.
 */
import type { IntegrationReport } from '@grantform/config/usage';
import { describe, expect, it } from 'vitest';
import { type DeclaredIntegration, suggestConfigEdit } from './config-edit.js';

const declared = (over: Partial<DeclaredIntegration> = {}): DeclaredIntegration => ({
  address: 'acme/sync/api',
  packageName: 'sync',
  scopes: ['data_extensions_read', 'email_read'],
  businessUnits: [101, 102],
  ...over,
});

const report = (over: Partial<IntegrationReport> = {}): IntegrationReport => ({
  address: 'acme/sync/api',
  vendor: 'marketing-cloud',
  clientIds: ['c1'],
  seen: true,
  declaredScopes: ['data_extensions_read', 'email_read'],
  grantedScopes: ['data_extensions_read', 'email_read'],
  usedScopes: ['data_extensions_read'],
  unusedScopes: ['email_read'],
  missing: [],
  calls: [],
  businessUnits: { declared: ['101', '102'], used: ['101', '102'], unused: [] },
  suggestedScopes: ['data_extensions_read'],
  suggestedBusinessUnits: [101, 102],
  ...over,
});

const CONFIG = `import { GrantformApp, Tenant } from '@grantform/config';
const app = new GrantformApp();
const acme = new Tenant(app, 'acme', { enterprise: { mid: 100, name: 'Acme', children: [{ mid: 101, name: 'US' }, { mid: 102, name: 'EU' }] } });
acme.addPackage('sync', { description: 'Sync' }).addApiIntegration({
  type: 'server-to-server',
  scopes: ['data_extensions_read', 'email_read'],
  businessUnits: [101, 102],
});
export default app;
`;

describe('suggestConfigEdit', () => {
  it('rewrites the scopes literal and prints the diff', () => {
    // GIVEN a config with the scopes as a literal and a report with email_read unused
    // WHEN the edit is suggested
    const edit = suggestConfigEdit(CONFIG, 'grantform.config.ts', [declared()], [report()]);
    // THEN the one change is located on line 6 and the patch replaces exactly that line
    expect(edit.changes).toEqual([
      {
        address: 'acme/sync/api',
        field: 'scopes',
        from: ['data_extensions_read', 'email_read'],
        to: ['data_extensions_read'],
        located: { line: 6 },
      },
    ]);
    expect(edit.patch).toBe(
      [
        '--- a/grantform.config.ts',
        '+++ b/grantform.config.ts',
        '@@ -4,5 +4,5 @@',
        " acme.addPackage('sync', { description: 'Sync' }).addApiIntegration({",
        "   type: 'server-to-server',",
        "-  scopes: ['data_extensions_read', 'email_read'],",
        "+  scopes: ['data_extensions_read'],",
        '   businessUnits: [101, 102],',
        ' });',
        '',
      ].join('\n'),
    );
    expect(edit.updated).toBe(
      CONFIG.replace("scopes: ['data_extensions_read', 'email_read']", "scopes: ['data_extensions_read']"),
    );
  });

  it('keeps a one-element-per-line literal in its style, and narrows businessUnits to the used ones', () => {
    // GIVEN the scopes written one per line (double quotes, trailing comma) and BU 102 never used
    const source = CONFIG.replace(
      "  scopes: ['data_extensions_read', 'email_read'],",
      '  scopes: [\n    "data_extensions_read",\n    "email_read",\n  ] as const,',
    );
    const r = report({
      suggestedBusinessUnits: [101],
      businessUnits: { declared: ['101', '102'], used: ['101'], unused: ['102'] },
    });
    // WHEN the edit is suggested
    const edit = suggestConfigEdit(source, 'grantform.config.ts', [declared()], [r]);
    // THEN both fields change, each in place and in the file's style
    expect(edit.changes.map((c) => [c.field, c.to, c.located])).toEqual([
      ['scopes', ['data_extensions_read'], { line: 6 }],
      ['businessUnits', [101], { line: 10 }],
    ]);
    expect(edit.updated).toContain(
      '  scopes: [\n    "data_extensions_read",\n  ] as const,\n  businessUnits: [101],\n',
    );
  });

  it('lists the change with the reason when the scopes are not a literal', () => {
    // GIVEN scopes built by code
    const source = CONFIG.replace(
      "  scopes: ['data_extensions_read', 'email_read'],",
      "  scopes: [...READ, 'email_read'],",
    );
    // WHEN the edit is suggested
    const edit = suggestConfigEdit(source, 'grantform.config.ts', [declared()], [report()]);
    // THEN there is no patch, and the change says why it was not located
    expect(edit.patch).toBe('');
    expect(edit.updated).toBe(source);
    expect(edit.changes).toEqual([
      {
        address: 'acme/sync/api',
        field: 'scopes',
        from: ['data_extensions_read', 'email_read'],
        to: ['data_extensions_read'],
        located: {
          reason: 'no `scopes: [...]` literal with exactly these scopes in the config file (built by code?)',
        },
      },
    ]);
  });

  it('picks the literal whose statement names the package when two hold the same scopes', () => {
    // GIVEN a second package declaring the same scopes
    const source = `${CONFIG}acme.addPackage('other', { description: 'Other' }).addApiIntegration({
  type: 'server-to-server',
  scopes: ['data_extensions_read', 'email_read'],
  businessUnits: 'all',
});
`;
    // WHEN the edit for 'sync' is suggested
    const edit = suggestConfigEdit(source, 'grantform.config.ts', [declared()], [report()]);
    // THEN only the sync package's literal (line 6) changes
    expect(edit.changes.map((c) => c.located)).toEqual([{ line: 6 }]);
    expect(edit.updated.match(/scopes: \['data_extensions_read'\],/g)).toHaveLength(1);
    expect(edit.updated).toContain("businessUnits: 'all',\n});\n");
    expect(edit.updated.indexOf("scopes: ['data_extensions_read'],")).toBeLessThan(edit.updated.indexOf("'other'"));
  });

  it('suggests nothing for an integration never seen, or one whose grants all were used', () => {
    // GIVEN one report not seen and one with nothing to change
    const unseen = report({ seen: false });
    const clean = report({ suggestedScopes: ['data_extensions_read', 'email_read'], unusedScopes: [] });
    // WHEN edits are suggested for each
    // THEN there are none
    for (const r of [unseen, clean]) {
      expect(suggestConfigEdit(CONFIG, 'grantform.config.ts', [declared()], [r])).toEqual({
        changes: [],
        patch: '',
        updated: CONFIG,
      });
    }
  });
});
