import { createRedactor } from '../../../functions/domain/redaction';

describe('credentials detector: user info between :// and @ in a URL', () => {
  it('redacts user and password, and keeps the host', () => {
    // Prepare
    const redactor = createRedactor();
    // Act
    const result = redactor.redact('try https://anna:s3cret@files.example.com/report.pdf');
    // Assess
    expect(result.text).toBe('try https://[CREDENTIALS]@files.example.com/report.pdf');
  });

  it.each(['https://example.com/path?q=a@b', 'see https://example.com/@team', 'ftp://host/file'])(
    'leaves %j alone',
    (text) => {
      expect(createRedactor({ detectors: ['credentials'] }).redact(text).text).toBe(text);
    },
  );
});
