import { auditSource } from '../../../../functions/domain/audit/audit-source';
import { canonicalJson } from '../../../../functions/domain/audit/canonical-json';
import { chainEntry, GENESIS_HASH, hashEntry } from '../../../../functions/domain/audit/chain';
import type { AuditDraft, AuditEntry, AuditRecord } from '../../../../functions/domain/audit/entry';
import { tombstoneOf } from '../../../../functions/domain/audit/tombstone';
import { verifyChain } from '../../../../functions/domain/audit/verify-chain';

const AUDIT_KEY = new Uint8Array(32).fill(3);
const WRONG_KEY = new Uint8Array(32).fill(4);
const INTERACTION_A = '01HZX4A0000000000000000000';
const INTERACTION_B = '01HZX4B0000000000000000000';
const DELETED_AT = new Date('2024-11-01T02:00:00.000Z');

function draft(minute: number, action: AuditDraft['action'], interactionId?: string): AuditDraft {
  return {
    at: `2024-05-02T10:${String(minute).padStart(2, '0')}:00.000Z`,
    actor: { user: 'user-42', role: 'admin', support: false },
    action,
    interactionId,
    from: '203.0.113.0/24',
    details: { format: 'mp3' },
  };
}

/** Entries 1..5: A played, B viewed, A downloaded, policy changed, B deleted. */
function chainOfFive(): AuditEntry[] {
  const drafts = [
    draft(1, 'recording.play', INTERACTION_A),
    draft(2, 'transcript.view', INTERACTION_B),
    draft(3, 'recording.download', INTERACTION_A),
    draft(4, 'policy.change'),
    draft(5, 'transcript.delete', INTERACTION_B),
  ];
  const entries: AuditEntry[] = [];
  for (const d of drafts) entries.push(chainEntry(entries.at(-1), d));
  return entries;
}

describe('audit chain: entries chained by hash per tenant', () => {
  it('the first entry has seq 1 and links to the genesis hash; each next one links to the previous hash', () => {
    // Act
    const [first, second] = chainOfFive();
    // Assess
    expect(first).toMatchObject({ kind: 'entry', seq: 1, prevHash: GENESIS_HASH });
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('an untouched chain verifies and reports its head', () => {
    // Prepare
    const entries = chainOfFive();
    // Act
    const verdict = verifyChain(entries, AUDIT_KEY, { head: { seq: 5, hash: entries[4].hash } });
    // Assess
    expect(verdict).toEqual({ ok: true, checked: 5, head: { seq: 5, hash: entries[4].hash } });
  });

  it('the hash does not depend on the order keys were written in', () => {
    const entry = chainOfFive()[0];
    const reordered = JSON.parse(
      canonicalJson({
        details: entry.details,
        from: entry.from,
        seq: entry.seq,
        action: entry.action,
        at: entry.at,
        actor: entry.actor,
        interactionId: entry.interactionId,
      }),
    );
    expect(hashEntry(entry.prevHash, reordered)).toBe(entry.hash);
  });

  it('any edit is detected: a changed detail, actor, time or support flag', () => {
    const edits: ((e: AuditEntry) => AuditEntry)[] = [
      (e) => ({ ...e, details: { format: 'wav' } }),
      (e) => ({ ...e, actor: { ...e.actor, user: 'someone-else' } }),
      (e) => ({ ...e, at: '2024-05-02T11:03:00.000Z' }),
      (e) => ({ ...e, actor: { ...e.actor, support: true } }),
    ];
    for (const edit of edits) {
      // Prepare
      const entries: AuditRecord[] = chainOfFive();
      entries[2] = edit(entries[2] as AuditEntry);
      // Act / Assess
      expect(verifyChain(entries, AUDIT_KEY)).toEqual({ ok: false, firstBadSeq: 3, problem: 'edited' });
    }
  });

  it('an edit whose hash was recomputed is caught at the next link', () => {
    // Prepare
    const entries: AuditRecord[] = chainOfFive();
    const edited = { ...(entries[2] as AuditEntry), details: { format: 'wav' } };
    entries[2] = { ...edited, hash: hashEntry(edited.prevHash, edited) };
    // Act / Assess
    expect(verifyChain(entries, AUDIT_KEY)).toEqual({ ok: false, firstBadSeq: 4, problem: 'edited' });
  });

  it('a removed entry is a gap', () => {
    const entries = chainOfFive();
    entries.splice(2, 1);
    expect(verifyChain(entries, AUDIT_KEY)).toEqual({ ok: false, firstBadSeq: 3, problem: 'gap' });
  });

  it('a reordered chain is a gap at the first seq out of place', () => {
    const entries = chainOfFive();
    [entries[1], entries[2]] = [entries[2], entries[1]];
    expect(verifyChain(entries, AUDIT_KEY)).toEqual({ ok: false, firstBadSeq: 2, problem: 'gap' });
  });

  it('entries cut off the end are a gap when the stored head is given', () => {
    const entries = chainOfFive();
    const head = { seq: 5, hash: entries[4].hash };
    expect(verifyChain(entries.slice(0, 3), AUDIT_KEY, { head })).toEqual({
      ok: false,
      firstBadSeq: 4,
      problem: 'gap',
    });
  });

  it('a last entry rewritten with a freshly computed hash links up, and only the stored head catches it', () => {
    // Prepare: the newest entry's details changed and its hash recomputed, so every link still holds
    const entries = chainOfFive();
    const head = { seq: 5, hash: entries[4].hash };
    const rewritten = { ...entries[4], details: { format: 'wav' } };
    entries[4] = { ...rewritten, hash: hashEntry(rewritten.prevHash, rewritten) };
    // Act
    const withoutHead = verifyChain(entries, AUDIT_KEY);
    const withHead = verifyChain(entries, AUDIT_KEY, { head });
    // Assess
    expect(withoutHead).toMatchObject({ ok: true });
    expect(withHead).toEqual({ ok: false, firstBadSeq: 5, problem: 'edited' });
  });

  it('an entry appended past the stored head is caught by the head', () => {
    // Prepare: a forged sixth entry, correctly linked, that the head (seq 5) never recorded
    const entries = chainOfFive();
    const head = { seq: 5, hash: entries[4].hash };
    entries.push(chainEntry(entries[4], draft(6, 'recording.play', INTERACTION_A)));
    // Act
    const verdict = verifyChain(entries, AUDIT_KEY, { head });
    // Assess
    expect(verdict).toMatchObject({ ok: false, problem: 'edited' });
  });

  it('after entries aged out under the audit retention, the chain verifies from its anchor, and not without it', () => {
    // Prepare: entries 1 and 2 were removed by the sweep, which kept the last removed link
    const entries = chainOfFive();
    const anchor = { seq: 2, hash: entries[1].hash };
    // Act / Assess
    expect(verifyChain(entries.slice(2), AUDIT_KEY, { anchor })).toMatchObject({ ok: true, checked: 3 });
    expect(verifyChain(entries.slice(2), AUDIT_KEY)).toEqual({ ok: false, firstBadSeq: 1, problem: 'gap' });
  });
});

describe('tombstones: "audit entries are deleted with their inquiry" and the chain stays verifiable', () => {
  /** Deletes interaction A's general info: its audit entries (1 and 3) become tombstones. */
  function afterDeletingA(key = AUDIT_KEY): AuditRecord[] {
    return chainOfFive().map((e) => (e.interactionId === INTERACTION_A ? tombstoneOf(e, key, DELETED_AT) : e));
  }

  it("a chain with the deleted interaction's entries tombstoned still verifies", () => {
    // Act
    const verdict = verifyChain(afterDeletingA(), AUDIT_KEY);
    // Assess
    expect(verdict).toMatchObject({ ok: true, checked: 5 });
  });

  it('a tombstone keeps only the links and its signature: no actor, action, interaction or details', () => {
    // Act
    const tombstone = afterDeletingA()[0];
    // Assess
    expect(Object.keys(tombstone).sort()).toEqual(['hash', 'kind', 'prevHash', 'seq', 'signature', 'tombstonedAt']);
    expect(JSON.stringify(tombstone)).not.toContain(INTERACTION_A);
  });

  it('a tombstone signed with another key is a bad signature', () => {
    expect(verifyChain(afterDeletingA(WRONG_KEY), AUDIT_KEY)).toEqual({
      ok: false,
      firstBadSeq: 1,
      problem: 'bad-signature',
    });
  });

  it('a forged tombstone hiding an edit is a bad signature', () => {
    // Prepare: someone without the key replaces entry 2 by a "tombstone" and copies a signature
    const records = afterDeletingA();
    const original = records[1] as AuditEntry;
    const stolenSignature = (records[0] as { signature: string }).signature;
    records[1] = {
      kind: 'tombstone',
      seq: 2,
      prevHash: original.prevHash,
      hash: original.hash,
      tombstonedAt: DELETED_AT.toISOString(),
      signature: stolenSignature,
    };
    // Act / Assess
    expect(verifyChain(records, AUDIT_KEY)).toEqual({ ok: false, firstBadSeq: 2, problem: 'bad-signature' });
  });

  it('an edited entry cannot be laundered into a tombstone', () => {
    const edited = { ...chainOfFive()[0], details: { format: 'wav' } };
    expect(() => tombstoneOf(edited, AUDIT_KEY, DELETED_AT)).toThrow(/was edited/);
  });
});

describe('where an audited request came from, without naming one machine', () => {
  it.each([
    ['203.0.113.77', '203.0.113.0/24'],
    ['::ffff:198.51.100.9', '198.51.100.0/24'],
    ['2001:db8:85a3::8a2e:370:7334', '2001:db8:85a3::/48'],
    ['2001:0db8:0001:0002:0003:0004:0005:0006', '2001:db8:1::/48'],
    ['fe80::1%eth0', 'fe80::/48'],
    ['2001:0:1::5', '2001:0:1::/48'],
    ['999.1.1.1', 'unknown'],
    ['not an ip', 'unknown'],
    [undefined, 'unknown'],
  ])('%s is recorded as %s', (ip, recorded) => {
    expect(auditSource(ip)).toBe(recorded);
  });
});
