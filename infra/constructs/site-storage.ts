import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { EXPORT_JOBS_PREFIX, MEDIA_UPLOADS_PREFIX } from '../../lambdas/site/layout.js';

export interface SiteStorageProps {
  /** Days an overwritten or deleted object's previous version is kept. */
  noncurrentVersionDays: number;
  /** Days access logs are kept. */
  logRetentionDays: number;
}

/**
 * The site bucket (decks, assets, the instructors' page) and the bucket its access logs and the
 * CloudFront logs go to. Both are private, encrypted, TLS-only and retained when the stack is
 * deleted: decks are the instructors' work, and logs are evidence.
 */
export class SiteStorage extends Construct {
  readonly siteBucket: Bucket;
  readonly logBucket: Bucket;

  constructor(scope: Construct, id: string, props: SiteStorageProps) {
    super(scope, id);

    this.logBucket = new Bucket(this, 'LogBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logging writes through an ACL grant to its log-delivery account,
      // so this bucket keeps ACLs enabled (objects still end up owned by this account).
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(props.logRetentionDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.siteBucket = new Bucket(this, 'SiteBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // SSE-S3 rather than a KMS key: CloudFront's origin access control can read it without a key
      // policy, and there is no per-request KMS charge on every page view.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'site-bucket/',
      lifecycleRules: [
        {
          id: 'expire-old-versions',
          // Versioning is the undo for an overwritten or deleted deck; keep that undo for a while, not forever.
          noncurrentVersionExpiration: Duration.days(props.noncurrentVersionDays),
          expiredObjectDeleteMarker: true,
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
        {
          id: 'expire-abandoned-uploads',
          // A figure uploaded but never checked (the client went away): the check moves or drops it.
          prefix: MEDIA_UPLOADS_PREFIX,
          expiration: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(1),
        },
        {
          id: 'expire-export-jobs',
          // The export function removes a job once its exports are made; one that failed is kept a
          // day for inspection, then dropped (the same publish sent again writes it anew).
          prefix: EXPORT_JOBS_PREFIX,
          expiration: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
