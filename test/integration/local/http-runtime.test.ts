import { callApi, setLocalClock } from '../../support/api';

/** The local runtime serving the real app's API Gateway routes from the handler sources. */
describe('local HTTP runtime', () => {
  it('serves GET /v1/health from the meta-api handler', async () => {
    // Act
    const res = await callApi<{ status: string; version: string }>('/v1/health');

    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok' });
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route with 404 JSON naming it', async () => {
    // Act
    const res = await callApi('/v1/no-such-thing', { method: 'DELETE' });

    // Assess
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: 'No route serves DELETE /v1/no-such-thing.' } });
  });

  describe('/_local/clock', () => {
    afterAll(async () => {
      await setLocalClock(new Date());
    });

    it('sets the runtime clock, which keeps flowing from the set instant', async () => {
      // Prepare: a small step only. The runtime (and its clock) is shared by every suite running at the
      // same time, so a jump of years would expire their fresh records in the middle of their tests.
      const instant = new Date(Date.now() + 1500).toISOString();

      // Act
      const set = await callApi<{ now: string }>('/_local/clock', { body: { now: instant } });
      await new Promise((r) => setTimeout(r, 50));
      const read = await callApi<{ now: string }>('/_local/clock');

      // Assess
      expect(set.status).toBe(200);
      const elapsed = Date.parse(read.body.now) - Date.parse(instant);
      expect(elapsed).toBeGreaterThanOrEqual(50);
      expect(elapsed).toBeLessThan(5000);
    });

    it.each([
      ['not an ISO instant', { now: 'tomorrow' }, 'now'],
      ['a date that does not exist', { now: '2031-02-30T00:00:00Z' }, 'now'],
      ['an instant without a time zone', { now: '2031-01-01T00:00:00' }, 'now'],
      ['a body without now', {}, 'now'],
    ])('rejects %s with 400 naming the field', async (_, body, field) => {
      // Act
      const res = await callApi<{ error: { code: string; fields: Array<{ path: string }> } }>('/_local/clock', {
        body,
      });

      // Assess
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.fields.map((f) => f.path)).toEqual([field]);
    });

    it('rejects a body that is not JSON with 400 naming the body', async () => {
      // Act
      const res = await callApi<{ error: { fields: Array<{ path: string }> } }>('/_local/clock', {
        method: 'POST',
        body: 'now=2031',
      });

      // Assess
      expect(res.status).toBe(400);
      expect(res.body.error.fields.map((f) => f.path)).toEqual(['body']);
    });
  });
});
