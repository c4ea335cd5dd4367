import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { notFound } from '../domain/errors';
import { container } from '../shared/container';
import { json, withErrors } from '../shared/http';
import { openApiDocument } from '../shared/openapi/document';

/**
 * `GET /v1/openapi.json`, public: the OpenAPI document generated from the request schemas. The
 * admin read-back routes it once served (general info, transcript, KPIs) are served by admin-api
 * with roles, through the same use cases (functions/usecases/readback).
 */
let openApi: Record<string, unknown> | undefined;

export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  return withErrors(container().logger, async (e) => {
    if (`${e.httpMethod} ${e.resource}` !== 'GET /v1/openapi.json') throw notFound(`${e.httpMethod} ${e.resource}`);
    // Generated once per cold start: it depends on the code only.
    return json(200, (openApi ??= openApiDocument()), { 'cache-control': 'public, max-age=300' });
  })(event);
}
