import type { CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { regionalResourceNames } from '../../functions/shared/resource-names';
import { buildApp, CONTROL_STACK_NAME, dataStackName, NO_BUNDLING_CONTEXT } from '../../infra/app';
import { functionNameOf, HANDLERS } from '../../infra/config/handlers';
import { deploymentConfig } from '../../infra/config/lethe.config';
import { CfnResolver, FAKE_ACCOUNT, type CfnTemplate } from './cfn-resolver';
import {
  bucketObjectTarget,
  CREDENTIAL_LESS,
  isAllowed,
  keyBehindAlias,
  keyTarget,
  rolePrincipal,
  tableTarget,
  type Principal,
  type SynthesizedStack,
  type Target,
} from './iam-access';

/**
 * Found by this simulation: `records:rw` grants DeleteItem and BatchWriteItem with every write, so
 * these functions hold them although nothing they run in AWS deletes a record item (their erasures
 * run in the worker). Listed so the test pins today's grants; narrowing `rw` must remove them here.
 */
const BUNDLED_WITH_RECORDS_RW = 'over-grant: comes with records:rw; the function deletes no record item itself';

/**
 * Sensitive access each function holds, and why. Every function absent from a column is expected
 * to be denied that access by the synthesized policies; a grant nobody listed here fails the test.
 */
const SENSITIVE_ACCESS: Record<string, { archiveRead?: string; recordsDelete?: string; litigationDelete?: string }> = {
  'meta-api': {},
  'console-assets': {},
  authorizer: {},
  'operator-api': {},
  'readback-api': {},
  'ingest-api': {
    recordsDelete: 'ending an interaction moves its items to their final region and deletes the source copies',
  },
  'admin-api': { recordsDelete: 'bulk delete and the transcript and recording deletes remove record items' },
  'subject-requests-api': {
    archiveRead: 'cancelling a request that has not started finishes it in place, re-scanning archived copies',
    recordsDelete: "the same in-place finish erases, anonymises or rectifies the subject's items",
  },
  'subject-request-worker': {
    archiveRead: 'access and erasure requests reach archived copies',
    recordsDelete: "erasure deletes the subject's items",
  },
  'retention-sweep': {
    archiveRead: 'archives expired records and erases archived copies',
    recordsDelete: 'retention, audit pruning and the offboarding purge delete items',
    litigationDelete: 'destroys sealed batches whose Object Lock retention has ended',
  },
  'holds-api': { recordsDelete: BUNDLED_WITH_RECORDS_RW },
  'litigation-api': { recordsDelete: BUNDLED_WITH_RECORDS_RW },
  'archive-api': { archiveRead: 'serves archived records', recordsDelete: BUNDLED_WITH_RECORDS_RW },
  'offboarding-api': {
    archiveRead: 'the export package of a leaving tenant includes its archive',
    recordsDelete: BUNDLED_WITH_RECORDS_RW,
  },
  'staff-api': { recordsDelete: `${BUNDLED_WITH_RECORDS_RW}: it writes the audit log` },
};

const REGIONS = deploymentConfig.regions;
const APP = deploymentConfig.appName;
const FUNCTIONS = HANDLERS.map((h) => h.name);
const legalRoleOf = (region: string) => `legal-access ${region}`;
const USER = 'user-pool user';
/** Every caller the rules speak about: each function's role, each region's legal-access role, a signed-in admin user. */
const EVERYONE = [...FUNCTIONS, ...REGIONS.map(legalRoleOf), USER];

/** The sensitive resources of one region. */
interface RegionalResources {
  litigationKey: Target;
  archiveObject: Target;
  litigationObject: Target;
  recordsTable: Target;
  /** The litigation bucket's template properties. */
  litigationBucket: Record<string, unknown>;
}

/** The synthesized app, the principals by label and the sensitive resources of each region. */
interface World {
  stacks: Map<string, SynthesizedStack>;
  principals: Map<string, Principal>;
  regional: Map<string, RegionalResources>;
  /** Every KMS key of every stack, by stack and logical id. */
  keys: Map<string, Target>;
}

function synthesize(): World {
  const assembly = buildApp({ account: FAKE_ACCOUNT, context: NO_BUNDLING_CONTEXT }).synth();
  const load = (artifact: CloudFormationStackArtifact): SynthesizedStack => {
    const template = artifact.template as CfnTemplate;
    return {
      region: artifact.environment.region,
      template,
      resolver: new CfnResolver(template, artifact.environment.region),
    };
  };
  const stacks = new Map(assembly.stacks.map((s) => [s.stackName, load(s)]));
  const control = stacks.get(CONTROL_STACK_NAME)!;
  const idOf = (stack: SynthesizedStack, type: string, property: string, value: string): string => {
    const ids = Object.entries(stack.template.Resources).filter(
      ([, r]) => r.Type === type && stack.resolver.resolve(r.Properties?.[property]) === value,
    );
    if (ids.length !== 1) throw new Error(`expected one ${type} with ${property} ${value}, found ${ids.length}`);
    return ids[0][0];
  };

  const principals = new Map<string, Principal>([[USER, CREDENTIAL_LESS]]);
  for (const name of FUNCTIONS) {
    const fn =
      control.template.Resources[idOf(control, 'AWS::Lambda::Function', 'FunctionName', functionNameOf(APP, name))];
    principals.set(name, rolePrincipal(control, fn.Properties!.Role['Fn::GetAtt'][0]));
  }
  const regional = new Map<string, RegionalResources>();
  for (const region of REGIONS) {
    const data = stacks.get(dataStackName(APP, region))!;
    const names = regionalResourceNames(APP, FAKE_ACCOUNT, region);
    principals.set(
      legalRoleOf(region),
      rolePrincipal(data, idOf(data, 'AWS::IAM::Role', 'RoleName', `${APP}-legal-access-${region}`)),
    );
    const litigationBucketId = idOf(data, 'AWS::S3::Bucket', 'BucketName', names.litigationBucket);
    regional.set(region, {
      litigationKey: keyTarget(data, keyBehindAlias(data, names.litigationKeyAlias)),
      archiveObject: bucketObjectTarget(data, idOf(data, 'AWS::S3::Bucket', 'BucketName', names.archiveBucket)),
      litigationObject: bucketObjectTarget(data, litigationBucketId),
      recordsTable: tableTarget(data, idOf(data, 'AWS::DynamoDB::Table', 'TableName', names.recordsTable)),
      litigationBucket: data.template.Resources[litigationBucketId].Properties!,
    });
  }
  const keys = new Map(
    [...stacks].flatMap(([stackName, stack]) =>
      Object.entries(stack.template.Resources)
        .filter(([, r]) => r.Type === 'AWS::KMS::Key')
        .map(([keyId]) => [`${stackName}/${keyId}`, keyTarget(stack, keyId)] as const),
    ),
  );
  return { stacks, principals, regional, keys };
}

/** The regions in which `who` may perform `action` on the target `pick` chooses. */
async function regionsAllowing(
  world: World,
  who: string,
  action: string,
  pick: (r: RegionalResources) => Target,
): Promise<string[]> {
  const allowed: string[] = [];
  for (const [region, resources] of world.regional)
    if (await isAllowed(world.principals.get(who)!, action, pick(resources), FAKE_ACCOUNT)) allowed.push(region);
  return allowed;
}

describe('IAM simulation of the synthesized app', () => {
  let world: World;
  beforeAll(() => {
    world = synthesize();
  });

  it('knows every function of the app, and every role it simulates carries only policies it can evaluate', () => {
    // Prepare
    const control = world.stacks.get(CONTROL_STACK_NAME)!;
    // Act
    const deployedFunctions = Object.values(control.template.Resources)
      .filter((r) => r.Type === 'AWS::Lambda::Function')
      .map((r) => r.Properties!.FunctionName);
    const managed = [...world.principals].filter(([, p]) => p.managedPolicyArns.length > 0).map(([label]) => label);
    // Assess
    expect(Object.keys(SENSITIVE_ACCESS).sort()).toEqual([...FUNCTIONS].sort());
    expect(deployedFunctions.sort()).toEqual(FUNCTIONS.map((n) => functionNameOf(APP, n)).sort());
    expect(managed).toEqual([]);
  });

  describe("only the legal-access role may decrypt with the litigation key, and only its own region's", () => {
    it.each(EVERYONE)('%s', async (who) => {
      // Prepare
      const expected = REGIONS.filter((region) => who === legalRoleOf(region));
      // Act
      const allowed = await regionsAllowing(world, who, 'kms:Decrypt', (r) => r.litigationKey);
      // Assess
      expect(allowed).toEqual(expected);
    });
  });

  describe('only the functions that need it may read archived objects', () => {
    it.each(EVERYONE)('%s', async (who) => {
      // Prepare
      const expected = SENSITIVE_ACCESS[who]?.archiveRead ? REGIONS : [];
      // Act
      const allowed = await regionsAllowing(world, who, 's3:GetObject', (r) => r.archiveObject);
      // Assess
      expect(allowed).toEqual(expected);
    });
  });

  describe('only the functions that need it may delete from the records table', () => {
    it.each(
      EVERYONE.flatMap((who) => ['dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'].map((action) => [who, action])),
    )('%s: %s', async (who, action) => {
      // Prepare
      const expected = SENSITIVE_ACCESS[who]?.recordsDelete ? REGIONS : [];
      // Act
      const allowed = await regionsAllowing(world, who, action, (r) => r.recordsTable);
      // Assess
      expect(allowed).toEqual(expected);
    });
  });

  describe('nobody may schedule the deletion of any key of the app or replace its key policy', () => {
    it('checks the data and litigation key of every region among them', () => {
      // Prepare
      const checked = [...world.keys.values()].map((k) => k.arn);
      // Act
      const regionalKeys = REGIONS.flatMap((region) => {
        const data = world.stacks.get(dataStackName(APP, region))!;
        const names = regionalResourceNames(APP, FAKE_ACCOUNT, region);
        return [names.dataKeyAlias, names.litigationKeyAlias].map((alias) =>
          data.resolver.arnOf(keyBehindAlias(data, alias)),
        );
      });
      // Assess
      expect(checked).toEqual(expect.arrayContaining(regionalKeys));
    });

    it.each(EVERYONE.flatMap((who) => ['kms:ScheduleKeyDeletion', 'kms:PutKeyPolicy'].map((action) => [who, action])))(
      '%s: %s',
      async (who, action) => {
        // Act
        const allowedOn: string[] = [];
        for (const [key, target] of world.keys)
          if (await isAllowed(world.principals.get(who)!, action, target, FAKE_ACCOUNT)) allowedOn.push(key);
        // Assess
        expect(allowedOn).toEqual([]);
      },
    );
  });

  describe('no function may delete a sealed litigation batch before its Object Lock retention ends', () => {
    it.each(REGIONS)(
      'the %s litigation bucket locks every object in compliance mode for the configured retention',
      (region) => {
        // Act
        const lock = world.regional.get(region)!.litigationBucket.ObjectLockConfiguration;
        // Assess
        expect(lock).toEqual({
          ObjectLockEnabled: 'Enabled',
          Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: deploymentConfig.litigationRetentionDays } },
        });
      },
    );

    it.each(EVERYONE)(
      '%s cannot bypass or loosen the lock, and deletes versions only if it destroys expired batches',
      async (who) => {
        // Prepare
        const expectedDelete = SENSITIVE_ACCESS[who]?.litigationDelete ? REGIONS : [];
        // Act
        const bypass = await regionsAllowing(world, who, 's3:BypassGovernanceRetention', (r) => r.litigationObject);
        const deleteVersion = await regionsAllowing(world, who, 's3:DeleteObjectVersion', (r) => r.litigationObject);
        // Assess
        expect({ bypass, deleteVersion }).toEqual({ bypass: [], deleteVersion: expectedDelete });
      },
    );
  });

  describe('no user can change the tenant or group the authorizer reads from their token', () => {
    it('the app client lists the attributes users may write, without custom:tenant or custom:group', () => {
      // Prepare
      const control = world.stacks.get(CONTROL_STACK_NAME)!;
      // Act
      const clients = Object.values(control.template.Resources).filter(
        (r) => r.Type === 'AWS::Cognito::UserPoolClient',
      );
      const writable = clients.map((c) => c.Properties!.WriteAttributes);
      // Assess
      expect(clients.length).toBeGreaterThan(0);
      for (const attributes of writable) {
        // Without the list Cognito applies its default, which is not ours to rely on.
        expect(attributes).toEqual(expect.any(Array));
        expect(attributes).not.toContain('custom:tenant');
        expect(attributes).not.toContain('custom:group');
      }
    });

    it('a user-pool user gets no AWS credentials (no identity pool), so to AWS it is an anonymous caller', () => {
      // Act
      const identityPools = [...world.stacks.values()].flatMap((s) =>
        Object.values(s.template.Resources).filter((r) => r.Type === 'AWS::Cognito::IdentityPool'),
      );
      // Assess
      expect(identityPools).toEqual([]);
    });
  });
});
