import { Stack, Validations } from 'aws-cdk-lib';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { type Bucket, type CorsRule, HttpMethods } from 'aws-cdk-lib/aws-s3';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { CHECKSUM_HEADER, UPLOAD_URL_SECONDS } from '../../lambdas/store/s3-upload-signer.js';

export interface UploadCorsProps {
  siteBucket: Bucket;
  distribution: IDistribution;
  /** The site's own domain, when it has one; else the distribution's *.cloudfront.net name. */
  domainName?: string;
}

/**
 * The instructors' page PUTs figures straight to the bucket with a pre-signed URL, a cross-origin
 * request from the site: the bucket allows exactly that, from the site's origin only (PUT with a
 * Content-Type, nothing else). With a custom domain the origin is known at synth time; without one
 * it is the distribution's generated name, which the bucket cannot reference (the distribution
 * already references the bucket), so a custom resource sets the rule once the distribution exists.
 */
export class UploadCors extends Construct {
  constructor(scope: Construct, id: string, props: UploadCorsProps) {
    super(scope, id);
    const rule = (origin: string): CorsRule => ({
      allowedMethods: [HttpMethods.PUT],
      allowedOrigins: [origin],
      allowedHeaders: ['content-type', CHECKSUM_HEADER],
      maxAge: UPLOAD_URL_SECONDS,
    });
    if (props.domainName) {
      props.siteBucket.addCorsRule(rule(`https://${props.domainName}`));
      return;
    }
    const origin = `https://${props.distribution.distributionDomainName}`;
    const { allowedMethods, allowedOrigins, allowedHeaders, maxAge } = rule(origin);
    const corsConfiguration = {
      CORSRules: [
        {
          AllowedMethods: allowedMethods,
          AllowedOrigins: allowedOrigins,
          AllowedHeaders: allowedHeaders,
          MaxAgeSeconds: maxAge,
        },
      ],
    };
    const call = {
      service: 'S3',
      action: 'putBucketCors',
      parameters: { Bucket: props.siteBucket.bucketName, CORSConfiguration: corsConfiguration },
      physicalResourceId: PhysicalResourceId.of(`${props.siteBucket.bucketName}-upload-cors`),
    };
    const resource = new AwsCustomResource(this, 'SiteOriginCors', {
      onCreate: call,
      onUpdate: call,
      policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: [props.siteBucket.bucketArn] }),
      installLatestAwsSdk: false,
    });
    resource.node.addDependency(props.distribution);
    const handler = Stack.of(this).node.tryFindChild(
      `AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`,
    );
    if (handler) {
      Validations.of(handler).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          "aws-cdk-lib's AwsCustomResource provider runs with AWSLambdaBasicExecutionRole (its own logs). " +
          'It runs only when CloudFormation deploys this stack, to set the bucket CORS rule; it serves no requests.',
      });
    }
  }
}
