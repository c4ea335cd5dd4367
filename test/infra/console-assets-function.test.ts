import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { cdkJsonContext, PROJECT_ROOT } from '../../infra/app';
import { HANDLERS } from '../../infra/config/handlers';
import { ControlStack } from '../../infra/stacks/control-stack';
import { TEST_ACCOUNT, TEST_CONFIG } from './support';

const CONSOLE_ASSETS = HANDLERS.find((h) => h.name === 'console-assets');

describe('the console-assets function', () => {
  it('is registered for GET /console and GET /console/{proxy+} without authorisation, touching no data', () => {
    // Assess
    expect(CONSOLE_ASSETS).toEqual({
      name: 'console-assets',
      entry: 'functions/handlers/console-assets.ts',
      routes: [
        { method: 'GET', path: '/console', auth: 'none' },
        { method: 'GET', path: '/console/{proxy+}', auth: 'none' },
      ],
      access: [],
      bundleFolders: ['console'],
    });
  });

  describe('bundled by esbuild as for a deployment', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'lethe-console-bundle-'));
    let bundle: string;
    let template: Template;

    beforeAll(() => {
      // Prepare: the control stack with only this handler, bundling on (no NO_BUNDLING_CONTEXT).
      const app = new App({ outdir, context: cdkJsonContext() });
      const stack = new ControlStack(app, 'ConsoleOnly', {
        env: { account: TEST_ACCOUNT, region: TEST_CONFIG.homeRegion },
        config: TEST_CONFIG,
        handlers: [CONSOLE_ASSETS!],
        projectRoot: PROJECT_ROOT,
      });
      // Act
      app.synth();
      template = Template.fromStack(stack);
      const [fn] = Object.values(
        template.findResources('AWS::Lambda::Function', { Properties: { FunctionName: 'acme-console-assets' } }),
      );
      bundle = join(outdir, `asset.${String(fn.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
    }, 120_000);
    afterAll(() => rmSync(outdir, { recursive: true, force: true }));

    it('carries a copy of the console folder next to index.mjs', () => {
      // Assess
      expect(existsSync(join(bundle, 'index.mjs'))).toBe(true);
      for (const file of ['index.html', 'app.js', 'styles.css', 'lib/api.js'])
        expect(readFileSync(join(bundle, 'console', file), 'utf8')).toBe(
          readFileSync(join(PROJECT_ROOT, 'console', file), 'utf8'),
        );
    });

    it('serves the console from the bundle, not from the repository', async () => {
      // Prepare: the bundle's own copy of the page, told apart from the repository's.
      const marker = `<!-- bundled copy ${Date.now()} -->`;
      const page = join(bundle, 'console', 'index.html');
      appendFileSync(page, marker);
      const event = { httpMethod: 'GET', path: '/console/', resource: '/console', pathParameters: null, headers: {} };
      // Act: the ES module bundle, run by plain node as Lambda runs it.
      const script = `const { handler } = await import(${JSON.stringify(join(bundle, 'index.mjs'))}); process.stdout.write(JSON.stringify(await handler(${JSON.stringify(event)})));`;
      const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        env: {
          ...process.env,
          LETHE_ACCOUNT: TEST_ACCOUNT,
          LETHE_HOME_REGION: 'eu-central-1',
          LETHE_REGIONS: 'eu-central-1',
        },
      });
      const res = JSON.parse(output.toString('utf8')) as APIGatewayProxyResult;
      // Assess
      expect(res.statusCode).toBe(200);
      expect(res.headers?.['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body.endsWith(marker)).toBe(true);
    });

    it('is reached through API Gateway methods without an authorizer', () => {
      // Assess
      const methods = Object.values(
        template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'GET' } }),
      );
      expect(methods).toHaveLength(2);
      for (const m of methods) expect(m.Properties.AuthorizationType).toBe('NONE');
    });
  });
});
