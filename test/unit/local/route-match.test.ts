import { matchRoute } from '../../../infra/local/runtime/route-match';

describe('route matching picks the route API Gateway would', () => {
  const routes = [
    { path: '/v1/health', method: 'GET' },
    { path: '/v1/tenants/{tenantId}', method: 'GET' },
    { path: '/v1/tenants/me', method: 'GET' },
    { path: '/v1/tenants/{tenantId}/records/{recordId}', method: 'DELETE' },
    { path: '/console/{proxy+}', method: 'GET' },
    { path: '/console/index.html', method: 'ANY' },
    { path: '/', method: 'GET' },
  ];

  it('a literal segment beats a path parameter', () => {
    // Act
    const match = matchRoute(routes, 'GET', '/v1/tenants/me');

    // Assess
    expect(match?.route.path).toBe('/v1/tenants/me');
  });

  it('binds path parameters, URL-decoded', () => {
    // Act
    const match = matchRoute(routes, 'DELETE', '/v1/tenants/01HZX/records/a%2Fb%20c');

    // Assess
    expect(match?.pathParameters).toEqual({ tenantId: '01HZX', recordId: 'a/b c' });
  });

  it('a greedy {proxy+} takes the rest of the path, but not an empty rest', () => {
    // Act
    const deep = matchRoute(routes, 'GET', '/console/assets/app.js');
    const empty = matchRoute(routes, 'GET', '/console');

    // Assess
    expect(deep?.pathParameters).toEqual({ proxy: 'assets/app.js' });
    expect(empty).toBeUndefined();
  });

  it('an ANY method serves every method, and a literal ANY route still beats a greedy one', () => {
    // Act
    const match = matchRoute(routes, 'GET', '/console/index.html');

    // Assess
    expect(match?.route).toEqual({ path: '/console/index.html', method: 'ANY' });
  });

  it('a path served for another method only is no match', () => {
    // Act
    const match = matchRoute(routes, 'POST', '/v1/health');

    // Assess
    expect(match).toBeUndefined();
  });

  it('trailing and doubled slashes do not matter; extra segments do', () => {
    // Assess
    expect(matchRoute(routes, 'GET', '/v1//health/')?.route.path).toBe('/v1/health');
    expect(matchRoute(routes, 'GET', '/v1/health/extra')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/')?.route.path).toBe('/');
  });
});
