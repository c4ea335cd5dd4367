import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { AwsClients } from '../adapters/aws-clients';
import { CognitoUserDirectory } from '../adapters/cognito/user-directory';
import { DynamoUserDirectory } from '../adapters/dynamodb/user-directory';
import type { UserDirectory } from '../ports/user-directory';
import type { StaffDeps } from '../usecases/staff/staff-admin';
import type { Container } from './container';

/**
 * The user directory of a container: the Cognito user pool where the stack names one, else (the
 * local stack) the directory table. Built here, not in the container, so only the staff API's
 * bundle carries the Cognito client.
 */
export function userDirectoryOf(c: Container): UserDirectory {
  const pool = c.config.userPool;
  if (pool)
    return new CognitoUserDirectory(new CognitoIdentityProviderClient({ region: pool.id.split('_')[0] }), pool.id);
  return new DynamoUserDirectory(
    new AwsClients(c.config).dynamoFor(c.config.homeRegion),
    c.config.home.directoryTable,
    c.clock,
  );
}

const built = new WeakMap<Container, UserDirectory>();

/** The staff use cases' dependencies, the directory built once per container (cold start). */
export function staffDepsOf(c: Container): StaffDeps {
  let users = built.get(c);
  if (!users) built.set(c, (users = userDirectoryOf(c)));
  return { ...c, users };
}
