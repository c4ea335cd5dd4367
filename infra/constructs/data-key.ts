import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

export interface DataKeyProps {
  /** `alias/<app>-<region>-data` from resource-names: handlers find the key by this alias. */
  alias: string;
  description: string;
}

/**
 * The regional customer-managed key: wraps every data key (DEK) and encrypts the region's tables
 * and buckets at rest. Rotated yearly, kept when the stack goes (destroying it would shred every
 * tenant of the region at once), and usable through IAM policies that name its alias.
 */
export class DataKey extends kms.Key {
  constructor(scope: Construct, id: string, props: DataKeyProps) {
    super(scope, id, {
      alias: props.alias,
      description: props.description,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
