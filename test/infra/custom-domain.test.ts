import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthStack } from './synth-stack.js';

// Every option set away from its default: the context keys reach the resources they name.
const context = {
  stage: 'staging',
  domainName: 'Lectures.Example.edu',
  certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abcd-1234',
  noncurrentVersionDays: '30',
  logRetentionDays: 365,
  throttleRateLimit: '5',
  throttleBurstLimit: '10',
  mfa: 'required',
};

let template: Template;
let stackName: string;
beforeAll(() => {
  const synthesised = synthStack(context);
  template = synthesised.template;
  stackName = synthesised.stack.stackName;
});

describe('stack configured by context', () => {
  it('names the stack after the stage', () => {
    expect(stackName).toBe('Lectern-staging');
  });

  it('serves the custom domain with its certificate, TLS 1.2 at least, SNI', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        Aliases: ['lectures.example.edu'],
        ViewerCertificate: {
          AcmCertificateArn: context.certificateArn,
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
      },
    });
    expect(template.toJSON().Outputs.SiteUrl.Value).toBe('https://lectures.example.edu/');
  });

  it('uses the retention, version expiry and throttling it was given', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 30 } })]),
      },
    });
    const logGroups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(logGroups.length).toBeGreaterThan(0);
    for (const group of logGroups) expect(group.Properties.RetentionInDays).toBe(365);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
    });
    template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON' });
  });

  it('lets only the custom domain PUT figures to the bucket, with a plain CORS rule', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: {
        CorsRules: [
          {
            AllowedMethods: ['PUT'],
            AllowedOrigins: ['https://lectures.example.edu'],
            AllowedHeaders: ['content-type', 'x-amz-checksum-sha256'],
            MaxAge: 300,
          },
        ],
      },
    });
    expect(Object.keys(template.findResources('Custom::AWS'))).toEqual([]);
  });
});
