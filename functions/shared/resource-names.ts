/**
 * Physical names of every regional resource, derived from (app, account, region) alone, so the
 * stacks, the handlers (whatever region they run in) and the local runtime agree without
 * cross-region references. Pure: no AWS imports.
 */
export interface RegionalResourceNames {
  region: string;
  recordsTable: string;
  keysTable: string;
  aggregatesTable: string;
  contentBucket: string;
  archiveBucket: string;
  litigationBucket: string;
  dataKeyAlias: string;
  litigationKeyAlias: string;
}

export interface HomeResourceNames {
  region: string;
  directoryTable: string;
  exportBucket: string;
}

export function regionalResourceNames(app: string, account: string, region: string): RegionalResourceNames {
  const bucket = (what: string) => `${app}-${account}-${region}-${what}`;
  return {
    region,
    recordsTable: `${app}-${region}-records`,
    keysTable: `${app}-${region}-keys`,
    aggregatesTable: `${app}-${region}-aggregates`,
    contentBucket: bucket('content'),
    archiveBucket: bucket('archive'),
    litigationBucket: bucket('litigation'),
    dataKeyAlias: `alias/${app}-${region}-data`,
    litigationKeyAlias: `alias/${app}-${region}-litigation`,
  };
}

export function homeResourceNames(app: string, account: string, region: string): HomeResourceNames {
  return {
    region,
    directoryTable: `${app}-directory`,
    exportBucket: `${app}-${account}-${region}-exports`,
  };
}

/** Account id used for bucket names when running locally against the emulators. */
export const LOCAL_ACCOUNT = '000000000000';
