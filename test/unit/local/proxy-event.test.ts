import {
  buildProxyEvent,
  headerMaps,
  isBinaryMediaType,
  queryMaps,
  requestTime,
} from '../../../infra/local/runtime/proxy-event';

describe('requests become API Gateway proxy events', () => {
  it('repeated headers keep every value in multiValueHeaders and the last in headers, with their casing', () => {
    // Act
    const maps = headerMaps(['Accept', 'text/plain', 'X-Tag', 'a', 'X-Tag', 'b']);

    // Assess
    expect(maps.headers).toEqual({ Accept: 'text/plain', 'X-Tag': 'b' });
    expect(maps.multiValueHeaders).toEqual({ Accept: ['text/plain'], 'X-Tag': ['a', 'b'] });
  });

  it('query strings are decoded; no query string gives null maps', () => {
    // Assess
    expect(queryMaps('q=a%20b&q=c&flag')).toEqual({
      queryStringParameters: { q: 'c', flag: '' },
      multiValueQueryStringParameters: { q: ['a b', 'c'], flag: [''] },
    });
    expect(queryMaps('')).toEqual({ queryStringParameters: null, multiValueQueryStringParameters: null });
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'a query key or header named %s is a key like any other (finding L2)',
    (name) => {
      // Act
      const query = queryMaps(`${name}=1&${name}=2`);
      const headers = headerMaps([name, 'a', name, 'b']);
      // Assess
      expect(Object.entries(query.queryStringParameters ?? {})).toEqual([[name, '2']]);
      expect(Object.entries(query.multiValueQueryStringParameters ?? {})).toEqual([[name, ['1', '2']]]);
      expect(Object.entries(headers.headers)).toEqual([[name, 'b']]);
      expect(Object.entries(headers.multiValueHeaders)).toEqual([[name, ['a', 'b']]]);
      expect(Object.getPrototypeOf(query.queryStringParameters)).toBeNull();
    },
  );

  it('binary media types match with wildcards and ignore parameters', () => {
    // Assess
    expect(isBinaryMediaType('audio/mpeg', ['audio/*'])).toBe(true);
    expect(isBinaryMediaType('application/zip; charset=binary', ['application/zip'])).toBe(true);
    expect(isBinaryMediaType('application/json', ['audio/*', 'application/zip'])).toBe(false);
    expect(isBinaryMediaType(undefined, ['*/*'])).toBe(false);
  });

  it('requestTime has API Gateway’s format', () => {
    // Assess
    expect(requestTime(new Date('2030-04-09T02:03:04.567Z'))).toBe('09/Apr/2030:02:03:04 +0000');
  });

  it('the event carries resource, path, stage path, time from the given clock and a null authorizer', () => {
    // Prepare
    const now = new Date('2030-01-02T03:04:05Z');

    // Act
    const event = buildProxyEvent(
      {
        method: 'POST',
        path: '/v1/things/7',
        query: '',
        rawHeaders: ['content-type', 'application/json', 'user-agent', 'test'],
        body: Buffer.from('{"a":1}'),
        sourceIp: '127.0.0.1',
      },
      { path: '/v1/things/{id}' },
      { id: '7' },
      [],
      {
        requestId: 'r-1',
        now,
        accountId: '000000000000',
        apiId: 'abc',
        stage: 'prod',
        domainName: '127.0.0.1:3000',
        resourceId: 'res',
        authorizer: null,
      },
    );

    // Assess
    expect(event).toMatchObject({
      resource: '/v1/things/{id}',
      path: '/v1/things/7',
      pathParameters: { id: '7' },
      body: '{"a":1}',
      isBase64Encoded: false,
      requestContext: {
        path: '/prod/v1/things/7',
        stage: 'prod',
        requestTimeEpoch: now.getTime(),
        authorizer: null,
        identity: { userAgent: 'test', sourceIp: '127.0.0.1' },
      },
    });
  });
});
