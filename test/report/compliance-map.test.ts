import { describe, expect, it } from 'vitest';
import { COMPLIANCE_MAP, COMPLIANCE_MAP_AS_OF } from '../../src/report/compliance-map.js';
import { complianceMap } from '../../src/report/compliance.js';
import { renderHtml } from '../../src/report/render.js';
import { groupKeyValues } from '../../src/text/group-key.js';
import { loansResults } from './fixtures.js';

describe('the compliance map', () => {
  it('dates every row, no later than the map as a whole, and cites each provision', () => {
    for (const row of COMPLIANCE_MAP) {
      expect(row.reviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(row.reviewed <= COMPLIANCE_MAP_AS_OF).toBe(true);
      expect(row.citation.length).toBeGreaterThan(5);
    }
  });

  it('has the current rows: Colorado SB 26-189 (not SB 24-205 alone), ECOA/Regulation B, the standing EEOC guidelines, ISO/IEC 42001, Annex IV 2(g)', () => {
    const text = COMPLIANCE_MAP.map((r) => `${r.framework} ${r.provision} ${r.citation} ${r.asks}`).join('\n');
    expect(text).toContain('Colorado SB 26-189');
    expect(text).toContain('1 January 2027');
    expect(text).toContain('12 CFR 1002');
    expect(text).toContain('29 CFR 1607.4(D)');
    expect(text).toMatch(/technical assistance[^.]*withdrawn/);
    expect(text).toContain('ISO/IEC 42001');
    expect(text).toContain('Annex IV 2(g)');
    expect(text).toContain('2 December 2027');
    // Each framework row points at a section the report has.
    const html = renderHtml(loansResults());
    for (const row of COMPLIANCE_MAP) expect(html).toContain(`id="${row.section.id}"`);
  });

  it('says in the report that it is informational, and as of which date', () => {
    const html = renderHtml(loansResults());
    const section = html.slice(html.indexOf('id="compliance"'), html.indexOf('id="definitions"'));
    expect(section).toContain('Informational, not legal advice.');
    expect(section).toContain(`as of ${COMPLIANCE_MAP_AS_OF}`);
    expect(section).toContain('reviewed ');
  });

  it('observes whether the outputs are signed, with the key fingerprint', () => {
    const results = loansResults();
    const label = (key: Record<string, string>) => groupKeyValues(key);
    const unsigned = complianceMap(results, label).find((r) => r.provision.startsWith('Annex IV'))!;
    const signed = complianceMap(results, label, { signer: 'sha256:abc' }).find((r) => r.provision.startsWith('Annex IV'))!;
    expect(unsigned.observed).toContain('not signed');
    expect(signed.observed).toContain('sha256:abc');
  });
});
