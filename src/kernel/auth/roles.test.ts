import { describe, expect, it } from 'vitest';
import { grantsAllow, validateGrants } from './roles.ts';

describe('grantsAllow', () => {
  const ancestry = ['commune-1', 'province'];
  it('allows a role granted at an ancestor (subtree rule)', () => {
    expect(grantsAllow([{ role: 'reception', agencyId: 'province' }], ['reception'], ancestry)).toBe(true);
  });
  it('refuses a role granted at a sibling agency', () => {
    expect(grantsAllow([{ role: 'reception', agencyId: 'commune-2' }], ['reception'], ancestry)).toBe(false);
  });
  it('refuses the wrong role at the right agency', () => {
    expect(grantsAllow([{ role: 'specialist', agencyId: 'commune-1' }], ['leader'], ancestry)).toBe(false);
  });
  it('a system-wide grant applies everywhere, even without an agency', () => {
    expect(grantsAllow([{ role: 'admin', agencyId: null }], ['admin'], null)).toBe(true);
  });
  it('an agency grant does not apply to a system-wide question', () => {
    expect(grantsAllow([{ role: 'admin', agencyId: 'province' }], ['admin'], null)).toBe(false);
  });
});

describe('validateGrants', () => {
  it('requires an agency for officer roles', () => {
    expect(validateGrants([{ role: 'specialist' }])).toHaveLength(1);
    expect(validateGrants([{ role: 'specialist', agencyId: 'a' }])).toHaveLength(0);
  });
  it('rejects unknown and repeated roles', () => {
    expect(validateGrants([{ role: 'god' }])[0].message).toMatch(/không tồn tại/);
    expect(validateGrants([{ role: 'admin' }, { role: 'admin' }])).toHaveLength(1);
  });
});
