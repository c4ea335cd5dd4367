import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from 'aws-cdk-lib';
import type { CfnTemplate, SynthesizedStack } from './template';

/** Synthesizes `app` into a throw-away directory and returns every stack's template and region. */
export function synthesize(app: App): SynthesizedStack[] {
  const assembly = app.synth();
  return assembly.stacks.map((s) => ({
    stackName: s.stackName,
    region: s.environment.region,
    template: s.template as CfnTemplate,
  }));
}

/**
 * The Lethe app exactly as `cdk synth` builds it (infra/app.ts), minus esbuild bundling (the local
 * runtime loads handler sources, not bundles) and minus CDK's built-in CloudFormation linter
 * (CDK_VALIDATION=false: a WebAssembly pass of ~8 s that only warns; `cdk synth` and the infra
 * tests still run it). cdk-nag, registered by the app, still runs.
 */
export async function synthesizeLethe(): Promise<SynthesizedStack[]> {
  const { buildApp, NO_BUNDLING_CONTEXT } = await import('../../app');
  const outdir = mkdtempSync(join(tmpdir(), 'lethe-synth-'));
  const validation = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = 'false';
  try {
    return synthesize(buildApp({ context: NO_BUNDLING_CONTEXT, outdir }));
  } finally {
    if (validation === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = validation;
    rmSync(outdir, { recursive: true, force: true });
  }
}
