import { HANDLERS, type Access } from '../../infra/config/handlers';
import { accessGrant, type GrantTarget } from '../../infra/constructs/access-grants';

const TARGET: GrantTarget = {
  app: 'acme',
  account: '111122223333',
  partition: 'aws',
  homeRegion: 'eu-central-1',
  regions: ['eu-central-1', 'us-east-1'],
};

/** The S3 actions a handler may take on objects of one regional bucket kind. */
function objectActions(handler: string, bucket: 'content' | 'archive'): string[] {
  const spec = HANDLERS.find((h) => h.name === handler)!;
  return spec.access
    .filter((a: Access) => a.startsWith(`${bucket}:`))
    .flatMap((a) =>
      accessGrant(a, TARGET).statements.map(
        (s) => s.toStatementJson() as { Action: string | string[]; Resource: string | string[] },
      ),
    )
    .filter((s) => [s.Resource].flat().some((r) => r.endsWith(`-${bucket}/*`)))
    .flatMap((s) => [s.Action].flat());
}

describe('who may set the lifecycle backstop tag (legal holds must be able to take content out of it)', () => {
  it('ingest writes recordings with the tag; the sweep archives with it and re-tags what a hold finds; the holds API re-tags on place and release', () => {
    expect(objectActions('ingest-api', 'content')).toContain('s3:PutObjectTagging');
    for (const bucket of ['content', 'archive'] as const) {
      expect(objectActions('retention-sweep', bucket)).toContain('s3:PutObjectTagging');
      expect(objectActions('holds-api', bucket)).toContain('s3:PutObjectTagging');
    }
  });
});
