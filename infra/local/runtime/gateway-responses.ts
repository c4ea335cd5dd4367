import type { GatewayResponseSpec } from './api-model';

/** Errors API Gateway answers itself, before or instead of the integration. */
export type GatewayErrorType =
  | 'UNAUTHORIZED'
  | 'ACCESS_DENIED'
  | 'MISSING_AUTHENTICATION_TOKEN'
  | 'AUTHORIZER_FAILURE'
  | 'AUTHORIZER_CONFIGURATION_ERROR'
  | 'INTEGRATION_FAILURE'
  | 'INTEGRATION_TIMEOUT'
  | 'REQUEST_TOO_LARGE';

const DEFAULT_STATUS: Record<GatewayErrorType, number> = {
  UNAUTHORIZED: 401,
  ACCESS_DENIED: 403,
  MISSING_AUTHENTICATION_TOKEN: 403,
  AUTHORIZER_FAILURE: 500,
  AUTHORIZER_CONFIGURATION_ERROR: 500,
  INTEGRATION_FAILURE: 502,
  INTEGRATION_TIMEOUT: 504,
  REQUEST_TOO_LARGE: 413,
};

export interface GatewayReply {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * The response API Gateway gives for `type`: the API's own AWS::ApiGateway::GatewayResponse for
 * that type, else its DEFAULT_4XX/DEFAULT_5XX, else API Gateway's built-in `{"message": ...}`.
 * Templates may use $context.error.message(String), $context.error.responseType, $context.requestId.
 */
export function gatewayReply(
  type: GatewayErrorType,
  message: string,
  requestId: string,
  responses: Record<string, GatewayResponseSpec>,
): GatewayReply {
  const status = DEFAULT_STATUS[type];
  const spec = responses[type] ?? responses[status < 500 ? 'DEFAULT_4XX' : 'DEFAULT_5XX'];
  const template = spec?.templates['application/json'];
  const body = template
    ? template
        .replace(/\$context\.error\.messageString/g, JSON.stringify(message))
        .replace(/\$context\.error\.message/g, message)
        .replace(/\$context\.error\.responseType/g, type)
        .replace(/\$context\.requestId/g, requestId)
    : JSON.stringify({ message });
  return {
    statusCode: spec?.statusCode ?? status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': errorTypeHeader(type),
      ...(spec?.headers ?? {}),
    },
    body,
  };
}

function errorTypeHeader(type: GatewayErrorType): string {
  return `${type
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')}Exception`;
}
