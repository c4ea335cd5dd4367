import { parseDeploymentConfig } from './deployment';

/**
 * The deployment this repository describes. Chat and most data live in Frankfurt; SMS and calls in
 * flight live in North Virginia (the iAdvize seed). Edit and run `npx cdk deploy --all`.
 */
export const deploymentConfig = parseDeploymentConfig({
  appName: 'lethe',
  homeRegion: 'eu-central-1',
  regions: ['eu-central-1', 'us-east-1'],
  litigationRetentionDays: 1826,
  logRetentionDays: 90,
});
