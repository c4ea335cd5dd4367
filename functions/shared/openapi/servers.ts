/**
 * Where the API answers: `npm start` locally, and a deployed stack's stage (its ApiUrl output).
 * The stage is the one infra/constructs/lethe-api.ts deploys (a unit test holds them equal; the
 * handlers that serve this document do not bundle the CDK).
 */
export const API_STAGE = 'prod';

export const API_SERVERS = [
  {
    url: 'http://127.0.0.1:{port}',
    description: 'local (`npm start`; LETHE_PORT)',
    variables: { port: { default: '3000' } },
  },
  {
    url: `https://{restApiId}.execute-api.{region}.amazonaws.com/${API_STAGE}`,
    description: "AWS: the control stack's ApiUrl output",
    variables: {
      restApiId: { default: 'restApiId', description: 'the REST API id in the ApiUrl output' },
      region: { default: 'eu-central-1', description: 'the home region of the deployment' },
    },
  },
];
