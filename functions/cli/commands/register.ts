import type { Command } from 'commander';
import { recordOfProcessingMarkdown } from '../../domain/register/markdown';
import type { Container } from '../../shared/container';
import { registerOf } from '../../usecases/admin/register-admin';
import { adminDepsOf } from '../../shared/admin-wiring';
import { storeContainer } from '../store-access';

/**
 * `lethe register --tenant T [--format md|json]`: the tenant's record of processing (GDPR Art. 30)
 * from its live policy and this deployment, as GET /v1/register answers it; Markdown by default.
 * Reads the tenant directory with this shell's AWS credentials (locally: the `npm start` stack).
 */
export function register(program: Command): void {
  program
    .command('register')
    .description("Print a tenant's record of processing (GDPR Art. 30), generated from its live policy.")
    .requiredOption('--tenant <tenantId>', 'the tenant')
    .option('--format <format>', 'md or json', 'md')
    .action(async (options: { tenant: string; format: string }) => {
      process.stdout.write(await registerDocument(storeContainer(), options));
    });
}

export async function registerDocument(
  container: Container,
  options: { tenant: string; format: string },
): Promise<string> {
  if (options.format !== 'md' && options.format !== 'json')
    throw new Error(`--format must be md or json, not "${options.format}"`);
  const record = await registerOf(adminDepsOf(container), options.tenant);
  return options.format === 'md' ? recordOfProcessingMarkdown(record) : `${JSON.stringify(record, null, 2)}\n`;
}
